extension Statement {
    /// `DROP KEYSPACE [IF EXISTS] ks`.
    public struct DropKeyspace: Sendable, Hashable {
        /// The keyspace.
        public var keyspace: Identifier
        /// Whether `IF EXISTS` was written.
        public var ifExists: Bool
        /// Creates a `DROP KEYSPACE`.
        public init(keyspace: Identifier, ifExists: Bool = false) {
            self.keyspace = keyspace
            self.ifExists = ifExists
        }
    }
}
