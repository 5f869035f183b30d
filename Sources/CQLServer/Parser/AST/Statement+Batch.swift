extension Statement {
    /// `BEGIN [UNLOGGED | COUNTER] BATCH [USING TIMESTAMP t] statement; … APPLY BATCH`.
    public struct Batch: Sendable, Hashable {
        /// The batch type.
        public var kind: Kind
        /// `USING TIMESTAMP` for the whole batch.
        public var using: UsingClause
        /// The modifications, in order.
        public var statements: [Child]

        /// Creates a batch.
        public init(kind: Kind = .logged, using: UsingClause = UsingClause(), statements: [Child]) {
            self.kind = kind
            self.using = using
            self.statements = statements
        }

        /// The batch type (native_protocol_v4.spec §4.1.7 uses the same three).
        public enum Kind: Sendable, Hashable {
            /// `BEGIN BATCH`.
            case logged
            /// `BEGIN UNLOGGED BATCH`.
            case unlogged
            /// `BEGIN COUNTER BATCH`.
            case counter
        }

        /// One statement of a batch.
        public enum Child: Sendable, Hashable {
            /// An `INSERT`.
            case insert(Insert)
            /// An `UPDATE`.
            case update(Update)
            /// A `DELETE`.
            case delete(Delete)
        }
    }
}
