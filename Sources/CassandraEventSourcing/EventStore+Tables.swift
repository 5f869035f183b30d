extension EventStore {
    /// The table names the store uses inside its keyspace.
    public struct Tables: Sendable, Hashable {
        /// Events and stream heads: one partition per stream.
        public var events: String
        /// Aggregate snapshots: one row per stream.
        public var snapshots: String
        /// Projection checkpoints: one partition per projection.
        public var checkpoints: String
        /// The stream ids of each category: one partition per category.
        public var streams: String

        /// Creates table names.
        /// - Parameters:
        ///   - events: the events table.
        ///   - snapshots: the snapshots table.
        ///   - checkpoints: the projection checkpoints table.
        ///   - streams: the category index.
        public init(events: String = "events", snapshots: String = "snapshots", checkpoints: String = "projection_checkpoints",
                    streams: String = "streams_by_category") {
            self.events = events
            self.snapshots = snapshots
            self.checkpoints = checkpoints
            self.streams = streams
        }
    }

    /// Validated, quoted `"keyspace"."table"` names.
    struct QualifiedTables: Sendable {
        let events: String
        let snapshots: String
        let checkpoints: String
        let streams: String

        init(keyspace: String, tables: Tables) throws(EventStoreError) {
            let keyspace = try CQLName.quoted(keyspace, what: "keyspace")
            events = "\(keyspace).\(try CQLName.quoted(tables.events, what: "events table"))"
            snapshots = "\(keyspace).\(try CQLName.quoted(tables.snapshots, what: "snapshots table"))"
            checkpoints = "\(keyspace).\(try CQLName.quoted(tables.checkpoints, what: "checkpoints table"))"
            streams = "\(keyspace).\(try CQLName.quoted(tables.streams, what: "streams table"))"
        }
    }
}
