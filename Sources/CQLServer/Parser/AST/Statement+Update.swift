extension Statement {
    /// `UPDATE [ks.]table [USING …] SET assignment, … WHERE relations [IF EXISTS | IF conditions]`.
    public struct Update: Sendable, Hashable {
        /// The table.
        public var table: QualifiedName
        /// `USING TTL` / `TIMESTAMP`.
        public var using: UsingClause
        /// The `SET` assignments, in order.
        public var assignments: [Assignment]
        /// The `WHERE` relations.
        public var whereClause: [Relation]
        /// Whether `IF EXISTS` was written.
        public var ifExists: Bool
        /// The `IF` conditions (empty when none, or for `IF EXISTS`).
        public var conditions: [Condition]

        /// Creates an `UPDATE`.
        public init(table: QualifiedName, using: UsingClause = UsingClause(), assignments: [Assignment], whereClause: [Relation], ifExists: Bool = false, conditions: [Condition] = []) {
            self.table = table
            self.using = using
            self.assignments = assignments
            self.whereClause = whereClause
            self.ifExists = ifExists
            self.conditions = conditions
        }
    }
}
