extension Statement {
    /// `INSERT INTO [ks.]table (c, …) VALUES (term, …) [IF NOT EXISTS] [USING TTL x AND TIMESTAMP y]`.
    public struct Insert: Sendable, Hashable {
        /// The table.
        public var table: QualifiedName
        /// The columns, in the order written.
        public var columns: [Identifier]
        /// The values, one per column.
        public var values: [Term]
        /// Whether `IF NOT EXISTS` was written.
        public var ifNotExists: Bool
        /// `USING TTL` / `TIMESTAMP`.
        public var using: UsingClause

        /// Creates an `INSERT`.
        public init(table: QualifiedName, columns: [Identifier], values: [Term], ifNotExists: Bool = false, using: UsingClause = UsingClause()) {
            self.table = table
            self.columns = columns
            self.values = values
            self.ifNotExists = ifNotExists
            self.using = using
        }
    }
}
