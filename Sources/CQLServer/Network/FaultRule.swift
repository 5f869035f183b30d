import CQLProtocol

/// A rule that makes the server misbehave on purpose, for failure tests that run against
/// a real server instead of mocks: delay, drop or fail matching requests, or close the
/// connection when one arrives.
///
/// ```swift
/// server.addFaultRule(FaultRule(.opcode(.execute), .delay(.seconds(2)), times: 1))
/// ```
public struct FaultRule: Sendable, Hashable {
    /// Which requests the rule applies to.
    public enum Trigger: Sendable, Hashable {
        /// Every request with this opcode.
        case opcode(Opcode)
        /// QUERY and PREPARE requests whose CQL text contains this string.
        case queryContaining(String)
    }

    /// What happens to a matching request.
    public enum Reaction: Sendable, Hashable {
        /// Process it, but only after this long.
        case delay(Duration)
        /// Never answer it.
        case drop
        /// Answer with this error instead of processing it.
        case respond(ServerError)
        /// Close the connection (every request in flight on it is lost).
        case closeConnection
    }

    /// Which requests match.
    public var trigger: Trigger
    /// What happens to them.
    public var reaction: Reaction
    /// How many matching requests the rule applies to; `nil` for all of them.
    public var times: Int?

    /// Creates a rule.
    public init(_ trigger: Trigger, _ reaction: Reaction, times: Int? = nil) {
        self.trigger = trigger
        self.reaction = reaction
        self.times = times
    }

    /// Whether `request` matches the trigger.
    func matches(_ request: RequestMessage) -> Bool {
        switch trigger {
        case .opcode(let opcode):
            return request.opcode == opcode
        case .queryContaining(let text):
            switch request {
            case .query(let query): return query.query.contains(text)
            case .prepare(let prepare): return prepare.query.contains(text)
            default: return false
            }
        }
    }
}
