extension Statement {
    /// `USE keyspace`.
    public struct Use: Sendable, Hashable {
        /// The keyspace.
        public var keyspace: Identifier
        /// Creates a `USE`.
        public init(keyspace: Identifier) {
            self.keyspace = keyspace
        }
    }
}
