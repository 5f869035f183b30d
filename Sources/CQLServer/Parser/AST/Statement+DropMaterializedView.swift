extension Statement {
    /// `DROP MATERIALIZED VIEW [IF EXISTS] [ks.]view`.
    public struct DropMaterializedView: Sendable, Hashable {
        /// The view.
        public var view: QualifiedName
        /// Whether `IF EXISTS` was written.
        public var ifExists: Bool

        /// Creates a `DROP MATERIALIZED VIEW`.
        public init(view: QualifiedName, ifExists: Bool = false) {
            self.view = view
            self.ifExists = ifExists
        }
    }
}
