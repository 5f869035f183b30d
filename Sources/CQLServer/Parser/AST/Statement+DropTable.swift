extension Statement {
    /// `DROP TABLE [IF EXISTS] [ks.]table`.
    public struct DropTable: Sendable, Hashable {
        /// The table.
        public var table: QualifiedName
        /// Whether `IF EXISTS` was written.
        public var ifExists: Bool
        /// Creates a `DROP TABLE`.
        public init(table: QualifiedName, ifExists: Bool = false) {
            self.table = table
            self.ifExists = ifExists
        }
    }
}
