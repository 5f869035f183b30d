extension ChangeLog {
    /// The table names the change log uses inside its keyspace.
    public struct Tables: Sendable, Hashable {
        /// The changes: one partition per captured table and time bucket.
        public var changes: String
        /// Subscription checkpoints: one partition per subscription and table, a row per bucket.
        public var checkpoints: String
        /// Changes whose handler failed every attempt: one partition per subscription.
        public var deadLetters: String
        /// Subscription leases: one row per subscription.
        public var leases: String

        /// Creates table names.
        /// - Parameters:
        ///   - changes: the change log table.
        ///   - checkpoints: the checkpoints table.
        ///   - deadLetters: the dead-letter table.
        ///   - leases: the lease table.
        public init(changes: String = "change_log", checkpoints: String = "change_checkpoints",
                    deadLetters: String = "change_dead_letters", leases: String = "change_leases") {
            self.changes = changes
            self.checkpoints = checkpoints
            self.deadLetters = deadLetters
            self.leases = leases
        }
    }

    /// Validated, quoted `"keyspace"."table"` names.
    struct QualifiedTables: Sendable {
        let changes: String
        let checkpoints: String
        let deadLetters: String
        let leases: String

        init(keyspace: String, tables: Tables) throws(SubscriptionError) {
            let keyspace = try CQLName.quoted(keyspace, what: "keyspace")
            changes = "\(keyspace).\(try CQLName.quoted(tables.changes, what: "changes table"))"
            checkpoints = "\(keyspace).\(try CQLName.quoted(tables.checkpoints, what: "checkpoints table"))"
            deadLetters = "\(keyspace).\(try CQLName.quoted(tables.deadLetters, what: "dead-letter table"))"
            leases = "\(keyspace).\(try CQLName.quoted(tables.leases, what: "lease table"))"
        }
    }
}
