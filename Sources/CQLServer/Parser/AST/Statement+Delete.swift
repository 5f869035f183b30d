extension Statement {
    /// `DELETE [c, c[key], c.field, …] FROM [ks.]table [USING TIMESTAMP t] WHERE relations
    /// [IF EXISTS | IF conditions]`.
    public struct Delete: Sendable, Hashable {
        /// The deleted columns or elements; empty deletes whole rows.
        public var targets: [Target]
        /// The table.
        public var table: QualifiedName
        /// `USING TIMESTAMP` (a TTL is not allowed on `DELETE`).
        public var using: UsingClause
        /// The `WHERE` relations.
        public var whereClause: [Relation]
        /// Whether `IF EXISTS` was written.
        public var ifExists: Bool
        /// The `IF` conditions.
        public var conditions: [Condition]

        /// Creates a `DELETE`.
        public init(targets: [Target] = [], table: QualifiedName, using: UsingClause = UsingClause(), whereClause: [Relation], ifExists: Bool = false, conditions: [Condition] = []) {
            self.targets = targets
            self.table = table
            self.using = using
            self.whereClause = whereClause
            self.ifExists = ifExists
            self.conditions = conditions
        }

        /// One deleted item (`deleteOp` in `Parser.g`).
        public enum Target: Sendable, Hashable {
            /// A whole column.
            case column(Identifier)
            /// A collection element: `c[key]`.
            case element(Identifier, key: Term)
            /// A user-defined type field: `c.field`.
            case field(Identifier, Identifier)
        }
    }
}
