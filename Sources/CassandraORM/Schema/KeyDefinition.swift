/// One element of a model's `key`: a column name, or (first element only) an array of
/// names forming a composite partition key.
///
/// ```swift
/// key: ["id"]                              // PRIMARY KEY (id)
/// key: ["user_id", "created_at"]           // partition user_id, clustering created_at
/// key: [["tenant", "user_id"], "created_at"] // PRIMARY KEY ((tenant, user_id), created_at)
/// ```
public enum KeyPart: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    /// One column.
    case column(String)
    /// A composite partition key.
    case composite([String])

    /// A single column.
    public init(stringLiteral value: String) { self = .column(value) }
    /// A composite partition key.
    public init(arrayLiteral elements: String...) { self = .composite(elements) }

    var columns: [String] {
        switch self {
        case .column(let name): [name]
        case .composite(let names): names
        }
    }
}

/// The sort direction of a clustering column or an `orderBy`.
public enum SortDirection: String, Sendable, Hashable {
    /// Ascending.
    case asc = "ASC"
    /// Descending.
    case desc = "DESC"
}

/// A secondary index on one field.
///
/// ```swift
/// indexes: ["email", .sai("name"), .keys("attributes")]
/// ```
public struct IndexDefinition: Sendable, Hashable, ExpressibleByStringLiteral {
    /// What part of the column is indexed.
    public enum Target: String, Sendable, Hashable {
        /// The value (or a collection's values).
        case values
        /// A map's keys.
        case keys
        /// A map's entries.
        case entries
        /// A frozen collection as a whole.
        case full
    }

    /// The indexed field.
    public var field: String
    /// The indexed part.
    public var target: Target
    /// Whether it is a storage-attached index (SAI).
    public var isStorageAttached: Bool
    /// Index options (`similarity_function` for vectors, …).
    public var options: [String: String]
    /// The index name; `<table>_<field>_idx` (plus the target for keys/entries/full) when `nil`.
    public var name: String?

    /// Creates an index.
    /// - Parameters:
    ///   - field: the field.
    ///   - target: the indexed part.
    ///   - storageAttached: whether to create an SAI index.
    ///   - options: index options.
    ///   - name: an explicit name.
    public init(field: String, target: Target = .values, storageAttached: Bool = false, options: [String: String] = [:],
                name: String? = nil) {
        self.field = field
        self.target = target
        isStorageAttached = storageAttached
        self.options = options
        self.name = name
    }

    /// A secondary index on a field's values.
    public init(stringLiteral value: String) { self.init(field: value) }

    /// A storage-attached index on `field`.
    /// - Parameters:
    ///   - field: the field.
    ///   - options: SAI options.
    /// - Returns: the index.
    public static func sai(_ field: String, options: [String: String] = [:]) -> IndexDefinition {
        IndexDefinition(field: field, storageAttached: true, options: options)
    }

    /// An index on a map's keys (for `$contains_key`).
    /// - Parameter field: the map field.
    /// - Returns: the index.
    public static func keys(_ field: String) -> IndexDefinition { IndexDefinition(field: field, target: .keys) }

    /// An index on a map's entries.
    /// - Parameter field: the map field.
    /// - Returns: the index.
    public static func entries(_ field: String) -> IndexDefinition { IndexDefinition(field: field, target: .entries) }

    /// An index on a frozen collection as a whole.
    /// - Parameter field: the frozen field.
    /// - Returns: the index.
    public static func full(_ field: String) -> IndexDefinition { IndexDefinition(field: field, target: .full) }

    /// The index name for `table`.
    /// - Parameter table: the table name.
    /// - Returns: the explicit name, or `<table>_<field>[_<target>]_idx`.
    public func resolvedName(table: String) -> String {
        if let name { return name }
        return target == .values ? "\(table)_\(field)_idx" : "\(table)_\(field)_\(target.rawValue)_idx"
    }
}

/// Model options: automatically managed timestamp and version columns.
public struct ModelOptions: Sendable {
    /// Timestamp columns set by the ORM.
    public struct Timestamps: Sendable, Hashable {
        /// The column set once, when a row is first saved.
        public var createdAt: String
        /// The column set on every save and update.
        public var updatedAt: String

        /// Creates timestamp options.
        /// - Parameters:
        ///   - createdAt: the creation column name.
        ///   - updatedAt: the modification column name.
        public init(createdAt: String = "created_at", updatedAt: String = "updated_at") {
            self.createdAt = createdAt
            self.updatedAt = updatedAt
        }
    }

    /// A version column set to a fresh `timeuuid` on every save and update.
    public struct Versions: Sendable, Hashable {
        /// The column name.
        public var key: String

        /// Creates version options.
        /// - Parameter key: the column name.
        public init(key: String = "__v") { self.key = key }
    }

    /// Timestamp columns, or `nil` for none.
    public var timestamps: Timestamps?
    /// The version column, or `nil` for none.
    public var versions: Versions?

    /// Creates options.
    /// - Parameters:
    ///   - timestamps: timestamp columns.
    ///   - versions: the version column.
    public init(timestamps: Timestamps? = nil, versions: Versions? = nil) {
        self.timestamps = timestamps
        self.versions = versions
    }
}
