extension Statement {
    /// `ALTER MATERIALIZED VIEW [IF EXISTS] [ks.]view WITH option = value [AND …]`.
    public struct AlterMaterializedView: Sendable, Hashable {
        /// The view.
        public var view: QualifiedName
        /// Whether `IF EXISTS` was written.
        public var ifExists: Bool
        /// The options to change.
        public var options: [Property]

        /// Creates an `ALTER MATERIALIZED VIEW`.
        public init(view: QualifiedName, ifExists: Bool = false, options: [Property]) {
            self.view = view
            self.ifExists = ifExists
            self.options = options
        }
    }
}
