extension Statement {
    /// `DROP TYPE [IF EXISTS] [ks.]type`.
    public struct DropType: Sendable, Hashable {
        /// The type.
        public var type: QualifiedName
        /// Whether `IF EXISTS` was written.
        public var ifExists: Bool
        /// Creates a `DROP TYPE`.
        public init(type: QualifiedName, ifExists: Bool = false) {
            self.type = type
            self.ifExists = ifExists
        }
    }
}
