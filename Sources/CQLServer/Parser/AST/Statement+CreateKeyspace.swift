extension Statement {
    /// `CREATE KEYSPACE [IF NOT EXISTS] ks WITH replication = {…} [AND durable_writes = b]`.
    public struct CreateKeyspace: Sendable, Hashable {
        /// The keyspace.
        public var keyspace: Identifier
        /// Whether `IF NOT EXISTS` was written.
        public var ifNotExists: Bool
        /// The `WITH` options, in order (`replication`, `durable_writes`, …).
        public var options: [Property]

        /// Creates a `CREATE KEYSPACE`.
        public init(keyspace: Identifier, ifNotExists: Bool = false, options: [Property]) {
            self.keyspace = keyspace
            self.ifNotExists = ifNotExists
            self.options = options
        }

        /// The `replication` map, if given as a map.
        public var replication: [String: String]? {
            if case .map(let map) = options[option: "replication"] { return map }
            return nil
        }

        /// The `durable_writes` option as written, if given.
        public var durableWrites: String? {
            if case .text(let text) = options[option: "durable_writes"] { return text }
            return nil
        }
    }
}
