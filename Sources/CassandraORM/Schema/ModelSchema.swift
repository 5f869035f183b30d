/// A model's schema: its table, fields, primary key, indexes, materialized views and options,
/// in the shape of express-cassandra's model definitions.
///
/// ```swift
/// let schema = ModelSchema("orders",
///     fields: ["user_id": "uuid", "created_at": "timeuuid", "total": "decimal", "items": "list<frozen<item>>"],
///     key: ["user_id", "created_at"],
///     clusteringOrder: ["created_at": .desc],
///     indexes: ["total"])
/// ```
public struct ModelSchema: Sendable {
    /// The table name.
    public var table: String
    /// The fields by name.
    public var fields: [String: FieldDefinition]
    /// The primary key: partition key first (an array for a composite one), then clustering columns.
    public var key: [KeyPart]
    /// The order of clustering columns; ascending when absent.
    public var clusteringOrder: [String: SortDirection]
    /// Secondary and storage-attached indexes.
    public var indexes: [IndexDefinition]
    /// Materialized views of the table by name, read with ``Model/view(_:)``.
    public var materializedViews: [String: MaterializedViewDefinition]
    /// Timestamp and version columns.
    public var options: ModelOptions
    /// Hooks run around writes.
    public var hooks: ModelHooks

    /// Creates a schema.
    /// - Parameters:
    ///   - table: the table name.
    ///   - fields: the fields.
    ///   - key: the primary key.
    ///   - clusteringOrder: clustering directions.
    ///   - indexes: indexes.
    ///   - materializedViews: materialized views by name.
    ///   - options: timestamps and versions.
    ///   - hooks: write hooks.
    public init(_ table: String, fields: [String: FieldDefinition], key: [KeyPart], clusteringOrder: [String: SortDirection] = [:],
                indexes: [IndexDefinition] = [], materializedViews: [String: MaterializedViewDefinition] = [:],
                options: ModelOptions = .init(), hooks: ModelHooks = .init()) {
        self.table = table
        self.fields = fields
        self.key = key
        self.clusteringOrder = clusteringOrder
        self.indexes = indexes
        self.materializedViews = materializedViews
        self.options = options
        self.hooks = hooks
    }
}

/// A validated schema with parsed types, used by queries, writes and migrations.
struct ResolvedSchema: Sendable {
    /// A column's role in the table.
    enum Kind: String, Sendable, Hashable {
        case partitionKey = "partition_key", clustering, regular, `static`
    }

    struct Column: Sendable, Hashable {
        var name: String
        var type: FieldType
        var kind: Kind
        /// Position within the partition or clustering key; -1 otherwise (as `system_schema`).
        var position: Int
        var order: SortDirection
    }

    struct Index: Sendable, Hashable {
        var name: String
        var field: String
        var target: IndexDefinition.Target
        var isStorageAttached: Bool
        var options: [String: String]
    }

    let table: String
    let columns: [String: Column]
    let partitionKey: [String]
    let clustering: [String]
    let indexes: [Index]
    let uniqueFields: [String]
    let definitions: [String: FieldDefinition]
    let options: ModelOptions
    let hooks: ModelHooks
    /// The materialized views, in name order; set last, once the table itself is resolved.
    private(set) var views: [ResolvedView] = []

    /// The partition key, then the clustering columns.
    let primaryKey: [String]
    /// Columns in a stable order: partition key, clustering, then the rest by name.
    let orderedColumns: [String]
    /// Positions in ``primaryKey`` by field name.
    let keyRank: [String: Int]
    var isCounterTable: Bool { columns.values.contains { $0.type.isCounter } }

    func isIndexed(_ field: String) -> Bool { indexes.contains { $0.field == field } }

    init(_ schema: ModelSchema) throws(ORMError) {
        table = schema.table
        _ = try Identifier.validated(schema.table, "table")
        var definitions = schema.fields
        if let timestamps = schema.options.timestamps {
            if definitions[timestamps.createdAt] == nil { definitions[timestamps.createdAt] = "timestamp" }
            if definitions[timestamps.updatedAt] == nil { definitions[timestamps.updatedAt] = "timestamp" }
        }
        if let versions = schema.options.versions, definitions[versions.key] == nil { definitions[versions.key] = "timeuuid" }
        guard let first = schema.key.first else {
            throw ORMError(.invalidSchema, "the key is empty; name at least one partition key field", table: table)
        }
        let partitionKey = first.columns
        var clustering: [String] = []
        for part in schema.key.dropFirst() {
            guard case .column(let name) = part else {
                throw ORMError(.invalidSchema, "only the first key element may be a composite partition key", table: table)
            }
            clustering.append(name)
        }
        let keyColumns = partitionKey + clustering
        guard !partitionKey.isEmpty, Set(keyColumns).count == keyColumns.count else {
            throw ORMError(.invalidSchema, "the key names a field twice or has an empty partition key", table: table)
        }
        var columns: [String: Column] = [:]
        for (name, definition) in definitions {
            _ = try Identifier.validated(name, "field")
            let type: FieldType
            do { type = try FieldType(parsing: definition.type) } catch {
                throw ORMError(.invalidSchema, error.message, table: table, field: name, underlying: error.underlying)
            }
            var kind = Kind.regular
            var position = -1
            if let index = partitionKey.firstIndex(of: name) {
                (kind, position) = (.partitionKey, index)
            } else if let index = clustering.firstIndex(of: name) {
                (kind, position) = (.clustering, index)
            } else if definition.isStatic {
                guard !clustering.isEmpty else {
                    throw ORMError(.invalidSchema, "static field '\(name)' needs a table with clustering columns", table: table, field: name)
                }
                kind = .static
            }
            if kind == .partitionKey || kind == .clustering {
                if type.isMultiCellCollection || type.isCounter {
                    throw ORMError(.invalidSchema, "key field '\(name)' cannot be a non-frozen collection or a counter; use frozen<…>",
                                   table: table, field: name)
                }
                if definition.isStatic {
                    throw ORMError(.invalidSchema, "key field '\(name)' cannot be static", table: table, field: name)
                }
            }
            if definition.unique && kind != .regular {
                throw ORMError(.invalidSchema, "only regular fields can be unique; '\(name)' is a key or static field", table: table, field: name)
            }
            columns[name] = Column(name: name, type: type, kind: kind, position: position, order: schema.clusteringOrder[name] ?? .asc)
        }
        for name in keyColumns where columns[name] == nil {
            throw ORMError(.invalidSchema, "key field '\(name)' is not declared in fields", table: table, field: name)
        }
        for name in schema.clusteringOrder.keys where !clustering.contains(name) {
            throw ORMError(.invalidSchema, "clusteringOrder names '\(name)', which is not a clustering column", table: table, field: name)
        }
        let counters = columns.values.filter { $0.type.isCounter }
        if !counters.isEmpty, columns.values.contains(where: { $0.kind == .regular && !$0.type.isCounter }) {
            throw ORMError(.invalidSchema, "a table with counters may have only counter fields besides the key", table: table)
        }
        var indexes: [Index] = []
        for index in schema.indexes {
            guard columns[index.field] != nil else {
                throw ORMError(.invalidSchema, "index on undeclared field '\(index.field)'", table: table, field: index.field)
            }
            let indexed = columns[index.field]!.type
            switch index.target {
            case .keys, .entries:
                guard case .map = indexed else {
                    throw ORMError(.invalidSchema, "\(index.target.rawValue)() indexes need a non-frozen map; '\(index.field)' is \(indexed)",
                                   table: table, field: index.field)
                }
            case .full:
                guard case .frozen = indexed else {
                    throw ORMError(.invalidSchema, "full() indexes need a frozen collection; '\(index.field)' is \(indexed)",
                                   table: table, field: index.field)
                }
            case .values: break
            }
            let name = index.resolvedName(table: table)
            _ = try Identifier.validated(name, "index")
            indexes.append(Index(name: name, field: index.field, target: index.target, isStorageAttached: index.isStorageAttached,
                                 options: index.options))
        }
        self.partitionKey = partitionKey
        self.clustering = clustering
        self.columns = columns
        primaryKey = keyColumns
        keyRank = Dictionary(uniqueKeysWithValues: keyColumns.enumerated().map { ($0.element, $0.offset) })
        orderedColumns = keyColumns + columns.keys.filter { columns[$0]!.kind == .regular || columns[$0]!.kind == .static }.sorted()
        self.indexes = indexes
        self.definitions = definitions
        self.options = schema.options
        self.hooks = schema.hooks
        uniqueFields = definitions.filter(\.value.unique).keys.sorted()
        if !uniqueFields.isEmpty && !counters.isEmpty {
            throw ORMError(.invalidSchema, "counter tables cannot have unique fields", table: table)
        }
        views = try schema.materializedViews.keys.sorted().map { name throws(ORMError) in
            try ResolvedView(name: name, definition: schema.materializedViews[name]!, base: self)
        }
    }
}
