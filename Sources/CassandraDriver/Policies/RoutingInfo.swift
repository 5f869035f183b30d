import CQLProtocol

/// What load-balancing, retry and speculative-execution policies know about a request.
public struct RoutingInfo: Sendable, Hashable {
    /// The keyspace the request touches, if known (the statement's or the session's).
    public var keyspace: String?
    /// The Murmur3 token of the request's partition key, if the key is known.
    public var token: Int64?
    /// Whether running the request more than once has the same effect as running it once.
    /// Only idempotent requests are retried after a write may have happened, and only they
    /// are executed speculatively.
    public var isIdempotent: Bool
    /// The request's consistency level.
    public var consistency: Consistency

    /// Creates routing information.
    /// - Parameters:
    ///   - keyspace: the keyspace, if known.
    ///   - token: the partition key's token, if known.
    ///   - isIdempotent: whether the request may safely run more than once.
    ///   - consistency: the request's consistency level.
    public init(keyspace: String? = nil, token: Int64? = nil, isIdempotent: Bool = false, consistency: Consistency = .localOne) {
        self.keyspace = keyspace
        self.token = token
        self.isIdempotent = isIdempotent
        self.consistency = consistency
    }
}
