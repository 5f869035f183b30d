extension Statement {
    /// `CREATE MATERIALIZED VIEW [IF NOT EXISTS] [ks.]view AS SELECT selectors FROM [ks.]base
    /// [WHERE relations] PRIMARY KEY (pk, c, …) [WITH CLUSTERING ORDER BY (c DESC, …) AND option = value …]`
    /// (`createMaterializedViewStatement` in `Parser.g`).
    ///
    /// Like Cassandra's parser, this one accepts any selectors, relations and clustering order
    /// entries; the server checks them (only plain columns, `IS NOT NULL` on every key column,
    /// no duplicate order entries) and answers Invalid.
    public struct CreateMaterializedView: Sendable, Hashable {
        /// The view.
        public var view: QualifiedName
        /// Whether `IF NOT EXISTS` was written.
        public var ifNotExists: Bool
        /// The selected base columns; empty for `*`.
        public var selectors: [Select.SelectedColumn]
        /// The base table.
        public var baseTable: QualifiedName
        /// The `WHERE` relations, joined by `AND`.
        public var whereClause: [Relation]
        /// The view's primary key.
        public var primaryKey: CreateTable.PrimaryKey
        /// `CLUSTERING ORDER BY` entries, in order.
        public var clusteringOrder: [CreateTable.ClusteringOrder]
        /// The other `WITH` options, in order.
        public var options: [Property]

        /// Creates a `CREATE MATERIALIZED VIEW`.
        public init(
            view: QualifiedName, ifNotExists: Bool = false, selectors: [Select.SelectedColumn] = [], baseTable: QualifiedName,
            whereClause: [Relation] = [], primaryKey: CreateTable.PrimaryKey, clusteringOrder: [CreateTable.ClusteringOrder] = [],
            options: [Property] = []
        ) {
            self.view = view
            self.ifNotExists = ifNotExists
            self.selectors = selectors
            self.baseTable = baseTable
            self.whereClause = whereClause
            self.primaryKey = primaryKey
            self.clusteringOrder = clusteringOrder
            self.options = options
        }

        /// Whether the view selects `*` (Cassandra's `include_all_columns`).
        public var selectsAll: Bool { selectors.isEmpty }
    }
}
