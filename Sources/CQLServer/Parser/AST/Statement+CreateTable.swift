extension Statement {
    /// `CREATE TABLE [IF NOT EXISTS] [ks.]table (column type [STATIC] [PRIMARY KEY], …,
    /// [PRIMARY KEY ((a, b), c, d)]) [WITH CLUSTERING ORDER BY (c DESC, …) AND option = value …]`.
    ///
    /// The parser keeps every primary key declaration it saw in ``primaryKeyDeclarations``;
    /// Cassandra requires exactly one and reports a violation as an invalid request, not a
    /// syntax error, so the server checks it.
    public struct CreateTable: Sendable, Hashable {
        /// The table.
        public var table: QualifiedName
        /// Whether `IF NOT EXISTS` was written.
        public var ifNotExists: Bool
        /// The columns, in declaration order.
        public var columns: [ColumnDefinition]
        /// Every primary key declaration, inline (`k int PRIMARY KEY`) or separate.
        public var primaryKeyDeclarations: [PrimaryKey]
        /// `CLUSTERING ORDER BY` entries, in order.
        public var clusteringOrder: [ClusteringOrder]
        /// The other `WITH` options, in order.
        public var options: [Property]

        /// Creates a `CREATE TABLE`.
        public init(
            table: QualifiedName, ifNotExists: Bool = false, columns: [ColumnDefinition],
            primaryKeyDeclarations: [PrimaryKey], clusteringOrder: [ClusteringOrder] = [], options: [Property] = []
        ) {
            self.table = table
            self.ifNotExists = ifNotExists
            self.columns = columns
            self.primaryKeyDeclarations = primaryKeyDeclarations
            self.clusteringOrder = clusteringOrder
            self.options = options
        }

        /// The primary key when exactly one was declared.
        public var primaryKey: PrimaryKey? {
            primaryKeyDeclarations.count == 1 ? primaryKeyDeclarations[0] : nil
        }

        /// A primary key: partition key columns, then clustering columns.
        public struct PrimaryKey: Sendable, Hashable {
            /// The partition key columns (`(a, b)` in `PRIMARY KEY ((a, b), c)`).
            public var partitionKey: [Identifier]
            /// The clustering columns, in order.
            public var clusteringColumns: [Identifier]
            /// Creates a primary key.
            public init(partitionKey: [Identifier], clusteringColumns: [Identifier] = []) {
                self.partitionKey = partitionKey
                self.clusteringColumns = clusteringColumns
            }
        }

        /// One `CLUSTERING ORDER BY` entry.
        public struct ClusteringOrder: Sendable, Hashable {
            /// The clustering column.
            public var column: Identifier
            /// Whether `DESC` was written.
            public var isDescending: Bool
            /// Creates an entry.
            public init(column: Identifier, isDescending: Bool) {
                self.column = column
                self.isDescending = isDescending
            }
        }
    }
}
