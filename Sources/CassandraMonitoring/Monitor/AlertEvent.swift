/// An alert firing or resolving, as delivered by ``SystemMonitor``.
public struct AlertEvent: Sendable, Equatable {
    /// What happened.
    public enum Kind: Sendable, Equatable {
        /// The value stayed past the threshold for the rule's duration.
        case fired
        /// The value got back past the resolve threshold.
        case resolved
    }

    /// What happened.
    public var kind: Kind
    /// The rule.
    public var rule: AlertRule
    /// The sampled value that caused the event.
    public var value: Double
    /// When, on the monitor's clock, as the time since the monitor started.
    public var at: Duration

    /// Creates an event.
    /// - Parameters:
    ///   - kind: fired or resolved.
    ///   - rule: the rule.
    ///   - value: the sampled value.
    ///   - at: when, since the monitor started.
    public init(kind: Kind, rule: AlertRule, value: Double, at: Duration) {
        self.kind = kind
        self.rule = rule
        self.value = value
        self.at = at
    }
}
