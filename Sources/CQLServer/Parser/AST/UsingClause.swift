/// `USING TTL x AND TIMESTAMP y` of a modification or batch (`usingClause` in `Parser.g`).
/// Each value is an integer ``Literal`` or a bind marker.
public struct UsingClause: Sendable, Hashable {
    /// `TIMESTAMP` in microseconds, if given.
    public var timestamp: Term?
    /// `TTL` in seconds, if given.
    public var timeToLive: Term?

    /// Creates a clause.
    public init(timestamp: Term? = nil, timeToLive: Term? = nil) {
        self.timestamp = timestamp
        self.timeToLive = timeToLive
    }

    /// Whether neither value is set.
    public var isEmpty: Bool { timestamp == nil && timeToLive == nil }
}
