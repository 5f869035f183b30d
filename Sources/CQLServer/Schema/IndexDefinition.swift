/// An index as recorded in `system_schema.indexes`.
public struct IndexDefinition: Sendable, Hashable {
    /// What part of a collection column is indexed.
    public enum Target: String, Sendable, Hashable {
        /// The value of a regular column, or the values of a collection.
        case values
        /// The keys of a map.
        case keys
        /// The entries of a map.
        case entries
        /// A frozen collection as a whole.
        case full
        /// A plain column.
        case simple
    }

    /// The index name.
    public var name: String
    /// The indexed column.
    public var column: String
    /// The indexed part of the column.
    public var target: Target
    /// `COMPOSITES` for built-in secondary indexes, `CUSTOM` for classes such as SAI.
    public var kind: String
    /// Index options; `class_name` for custom indexes, `target` always.
    public var options: [String: String]

    /// Creates an index definition.
    public init(name: String, column: String, target: Target, kind: String, options: [String: String]) {
        self.name = name
        self.column = column
        self.target = target
        self.kind = kind
        self.options = options
    }

    /// Whether this is a storage-attached (SAI) index.
    public var isStorageAttached: Bool {
        guard let className = options["class_name"] else { return false }
        return className == "StorageAttachedIndex" || className.hasSuffix(".StorageAttachedIndex") || className.lowercased() == "sai"
    }
}
