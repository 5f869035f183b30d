extension Statement {
    /// `ALTER KEYSPACE [IF EXISTS] ks WITH option = value [AND …]`.
    public struct AlterKeyspace: Sendable, Hashable {
        /// The keyspace.
        public var keyspace: Identifier
        /// Whether `IF EXISTS` was written.
        public var ifExists: Bool
        /// The `WITH` options.
        public var options: [Property]

        /// Creates an `ALTER KEYSPACE`.
        public init(keyspace: Identifier, ifExists: Bool = false, options: [Property]) {
            self.keyspace = keyspace
            self.ifExists = ifExists
            self.options = options
        }
    }
}
