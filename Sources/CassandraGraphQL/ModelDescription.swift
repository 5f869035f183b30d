import CassandraORM

/// How one ORM model appears in GraphQL: its type and root-field names and its columns with
/// their GraphQL names and types. Built from the ``CassandraORM/ModelSchema`` alone, so the SDL
/// can be generated (and tested) without a server.
///
/// For a table `order_items` the names are: object type `OrderItems`, inputs
/// `OrderItemsFilter`, `OrderItemsCreateInput`, `OrderItemsUpdateInput`, `OrderItemsOrder`
/// (with enum `OrderItemsOrderField`), the page type `OrderItemsPage`, the result type
/// `OrderItemsMutationResult`; root fields `orderItems` (by key), `orderItemsList`,
/// `createOrderItems`, `updateOrderItems` and `deleteOrderItems`. Pass `typeName` to choose
/// another base name.
public struct ModelDescription: Sendable {
    /// A column's role in the primary key.
    public enum Role: Sendable, Hashable {
        /// Part of the partition key.
        case partitionKey
        /// A clustering column.
        case clustering
        /// A regular or static column.
        case regular
    }

    /// One column.
    public struct Column: Sendable, Hashable {
        /// The CQL column name.
        public var name: String
        /// The GraphQL field name (the column name; leading `__` collapses to `_`).
        public var graphQLName: String
        /// The CQL type.
        public var type: FieldType
        /// The GraphQL type and filter.
        public var mapping: ColumnMapping
        /// The column's role.
        public var role: Role
        /// Whether the ORM sets it itself (timestamps and version columns): it is left out of
        /// the create and update inputs.
        public var isManaged: Bool
        /// Whether it is a `counter`.
        public var isCounter: Bool { type.isCounter }
    }

    /// The table.
    public let table: String
    /// Whether the schema has this model's mutations; read-only when `false`.
    public let allowsMutations: Bool
    /// The object type's name.
    public let typeName: String
    /// The columns: partition key, clustering columns, then the others by name.
    public let columns: [Column]

    /// The primary key columns, in key order.
    public var primaryKey: [Column] { columns.filter { $0.role != .regular } }
    /// The clustering columns, in key order.
    public var clustering: [Column] { columns.filter { $0.role == .clustering } }
    /// Whether the table holds counters (it then has no create or update mutation).
    public var isCounterTable: Bool { columns.contains(where: \.isCounter) }
    /// The columns a create or update may set.
    public var writableColumns: [Column] { columns.filter { !$0.isManaged && !$0.isCounter } }
    /// The root field reading one row by primary key.
    public var getField: String { GraphQLName.lowerFirst(typeName) }
    /// The root field listing rows.
    public var listField: String { getField + "List" }
    /// The create mutation.
    public var createField: String { "create" + typeName }
    /// The update mutation.
    public var updateField: String { "update" + typeName }
    /// The delete mutation.
    public var deleteField: String { "delete" + typeName }
    /// The filter input.
    public var filterType: String { typeName + "Filter" }
    /// The create input.
    public var createInputType: String { typeName + "CreateInput" }
    /// The update input.
    public var updateInputType: String { typeName + "UpdateInput" }
    /// The ordering input (only with clustering columns).
    public var orderType: String { typeName + "Order" }
    /// The enum of clustering columns (only with clustering columns).
    public var orderFieldType: String { typeName + "OrderField" }
    /// The page type returned by ``listField``.
    public var pageType: String { typeName + "Page" }
    /// The type mutations return.
    public var mutationResultType: String { typeName + "MutationResult" }

    /// Describes `schema`.
    /// - Parameters:
    ///   - schema: the model's schema.
    ///   - typeName: the GraphQL base name; the table name in PascalCase when `nil`.
    ///   - allowsMutations: whether the schema has the model's create, update and delete
    ///     mutations (and their input types); `false` exposes it read-only.
    /// - Throws: ``GraphQLServiceError/Code/invalidSchema`` for a table name that is not a valid
    ///   ``CassandraORM/Identifier``, a field without a legal GraphQL name or whose name clashes
    ///   with another's, an unparsable type, or an illegal type name.
    public init(_ schema: ModelSchema, typeName: String? = nil, allowsMutations: Bool = true) throws(GraphQLServiceError) {
        table = schema.table
        self.allowsMutations = allowsMutations
        guard Identifier.isValid(schema.table) else {
            throw GraphQLServiceError(.invalidSchema, "the table name is not a valid identifier", path: schema.table)
        }
        let typeName = typeName ?? GraphQLName.pascalCase(schema.table)
        guard GraphQLName.isValid(typeName), typeName.first?.isUppercase == true || typeName.first == "_" else {
            throw GraphQLServiceError(.invalidSchema, "'\(typeName)' is not a legal GraphQL type name; pass typeName", path: schema.table)
        }
        self.typeName = typeName
        var fields = schema.fields
        var managed: Set<String> = []
        if let timestamps = schema.options.timestamps {
            for name in [timestamps.createdAt, timestamps.updatedAt] {
                if fields[name] == nil { fields[name] = "timestamp" }
                managed.insert(name)
            }
        }
        if let versions = schema.options.versions {
            if fields[versions.key] == nil { fields[versions.key] = "timeuuid" }
            managed.insert(versions.key)
        }
        let partition: [String]
        switch schema.key.first {
        case .column(let name): partition = [name]
        case .composite(let names): partition = names
        case nil: partition = []
        }
        let clustering = schema.key.dropFirst().compactMap { part -> String? in
            if case .column(let name) = part { return name }
            return nil
        }
        let keyNames = partition + clustering
        let ordered = keyNames + fields.keys.filter { !keyNames.contains($0) }.sorted()
        var columns: [Column] = []
        var seen: [String: String] = [:]
        for name in ordered {
            guard let definition = fields[name] else {
                throw GraphQLServiceError(.invalidSchema, "key field '\(name)' is not declared in fields", path: schema.table)
            }
            let type: FieldType
            do { type = try FieldType(parsing: definition.type) } catch {
                throw GraphQLServiceError(.invalidSchema, error.message, path: "\(schema.table).\(name)", underlying: error)
            }
            let graphQLName = GraphQLName.field(name)
            guard GraphQLName.isValid(graphQLName) else {
                throw GraphQLServiceError(.invalidSchema, "field '\(name)' has no legal GraphQL name", path: "\(typeName).\(name)")
            }
            if let other = seen[graphQLName] {
                throw GraphQLServiceError(.invalidSchema, "fields '\(other)' and '\(name)' both map to '\(graphQLName)'; rename one",
                                          path: typeName)
            }
            seen[graphQLName] = name
            let role: Role = partition.contains(name) ? .partitionKey : clustering.contains(name) ? .clustering : .regular
            columns.append(Column(name: name, graphQLName: graphQLName, type: type, mapping: ColumnMapping(type), role: role,
                                  isManaged: managed.contains(name)))
        }
        for column in columns where column.role == .clustering && ["true", "false", "null"].contains(column.graphQLName) {
            throw GraphQLServiceError(.invalidSchema, "clustering column '\(column.name)' cannot be a GraphQL enum value", path: typeName)
        }
        for column in columns where column.role != .regular && ["set", "ifExists", "ttl"].contains(column.graphQLName) {
            throw GraphQLServiceError(.invalidSchema, "key column '\(column.name)' clashes with a mutation argument; rename it",
                                      path: typeName)
        }
        self.columns = columns
    }

    /// The column whose GraphQL name is `graphQLName`.
    func column(graphQL graphQLName: String) -> Column? {
        columns.first { $0.graphQLName == graphQLName }
    }

    /// The names of every type this description defines.
    var definedTypeNames: [String] {
        var names = [typeName, filterType, createInputType, updateInputType, pageType, mutationResultType]
        if !clustering.isEmpty { names += [orderType, orderFieldType] }
        return names
    }
}
