import CQLProtocol

extension Session {
    /// Where the attempts of one request stand: the query plan's position, the consistency of
    /// the next attempt, and what failed so far. Noncopyable: it lives in the request's async
    /// frame and is only ever mutated in place (a copy retained every reference it holds).
    struct Attempts: ~Copyable {
        var plan: QueryPlan.Iterator
        /// The node to try next, `nil` once the plan is exhausted.
        var current: Node?
        var consistency: Consistency
        /// Retries the policy granted so far.
        var retryCount = 0
        /// Attempts made so far, on any node.
        var attempt = 0
        /// Whether the statement was re-prepared already (done at most once per request).
        var reprepared = false
        /// The failure of every node the request moved away from.
        var nodeErrors: [CassandraError.NodeError] = []

        init(plan: consuming QueryPlan.Iterator, consistency: Consistency) {
            self.plan = plan
            self.consistency = consistency
            current = self.plan.next()
        }

        /// The error when no node is left to try.
        func exhaustedError(statement: String) -> CassandraError {
            CassandraError(
                .noNodeAvailable,
                nodeErrors.isEmpty
                    ? "the query plan is empty; check that localDatacenter names a datacenter of the cluster"
                    : "every node of the query plan failed; see nodeErrors",
                statement: statement, nodeErrors: nodeErrors)
        }
    }

    /// What comes after one attempt. The rare cases are `indirect` so that the step is no
    /// larger than a ``ResultSet``: it is written once per request.
    enum AttemptStep {
        /// The request is answered.
        case done(ResultSet)
        /// Answered with a result that changes the session (keyspace or schema), to apply first.
        indirect case finish(ResponseMessage.Result, Frame)
        /// The node forgot the statement: prepare it on the same connection, then try again.
        indirect case reprepare(PreparedStatement)
        /// Try again, as `Attempts` now says.
        case retry
    }
}
