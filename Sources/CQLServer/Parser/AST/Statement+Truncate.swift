extension Statement {
    /// `TRUNCATE [TABLE] [ks.]table`.
    public struct Truncate: Sendable, Hashable {
        /// The table.
        public var table: QualifiedName
        /// Creates a `TRUNCATE`.
        public init(table: QualifiedName) {
            self.table = table
        }
    }
}
