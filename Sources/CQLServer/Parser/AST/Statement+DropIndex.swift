extension Statement {
    /// `DROP INDEX [IF EXISTS] [ks.]index`.
    public struct DropIndex: Sendable, Hashable {
        /// The index.
        public var index: QualifiedName
        /// Whether `IF EXISTS` was written.
        public var ifExists: Bool
        /// Creates a `DROP INDEX`.
        public init(index: QualifiedName, ifExists: Bool = false) {
            self.index = index
            self.ifExists = ifExists
        }
    }
}
