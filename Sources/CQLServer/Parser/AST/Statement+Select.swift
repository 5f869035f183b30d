extension Statement {
    /// `SELECT [DISTINCT] selectors FROM [ks.]table [WHERE …] [GROUP BY …] [ORDER BY …]
    /// [PER PARTITION LIMIT n] [LIMIT n] [ALLOW FILTERING]`.
    public struct Select: Sendable, Hashable {
        /// Whether `DISTINCT` was written.
        public var isDistinct: Bool
        /// The selected expressions; empty for `*`.
        public var selectors: [SelectedColumn]
        /// The table.
        public var table: QualifiedName
        /// The `WHERE` relations, joined by `AND`.
        public var whereClause: [Relation]
        /// The `GROUP BY` expressions.
        public var groupBy: [Selector]
        /// The `ORDER BY` clauses.
        public var orderBy: [Ordering]
        /// `PER PARTITION LIMIT`: an integer literal or a bind marker.
        public var perPartitionLimit: Term?
        /// `LIMIT`: an integer literal or a bind marker.
        public var limit: Term?
        /// Whether `ALLOW FILTERING` was written.
        public var allowFiltering: Bool

        /// Creates a `SELECT`.
        public init(
            isDistinct: Bool = false, selectors: [SelectedColumn] = [], table: QualifiedName,
            whereClause: [Relation] = [], groupBy: [Selector] = [], orderBy: [Ordering] = [],
            perPartitionLimit: Term? = nil, limit: Term? = nil, allowFiltering: Bool = false
        ) {
            self.isDistinct = isDistinct
            self.selectors = selectors
            self.table = table
            self.whereClause = whereClause
            self.groupBy = groupBy
            self.orderBy = orderBy
            self.perPartitionLimit = perPartitionLimit
            self.limit = limit
            self.allowFiltering = allowFiltering
        }

        /// Whether the statement selects `*`.
        public var selectsAll: Bool { selectors.isEmpty }

        /// One selected expression with its optional `AS` alias.
        public struct SelectedColumn: Sendable, Hashable {
            /// The expression.
            public var selector: Selector
            /// The alias, if written.
            public var alias: Identifier?
            /// Creates a selected expression.
            public init(_ selector: Selector, alias: Identifier? = nil) {
                self.selector = selector
                self.alias = alias
            }
        }

        /// One `ORDER BY` clause: `c [ASC|DESC]` or `c ANN OF [vector]`.
        public struct Ordering: Sendable, Hashable {
            /// The ordered column.
            public var column: Identifier
            /// Whether `DESC` was written.
            public var isDescending: Bool
            /// The query vector of `ANN OF`, for an approximate-nearest-neighbour ordering.
            public var annOf: Term?
            /// Creates an ordering.
            public init(column: Identifier, isDescending: Bool = false, annOf: Term? = nil) {
                self.column = column
                self.isDescending = isDescending
                self.annOf = annOf
            }
        }
    }
}
