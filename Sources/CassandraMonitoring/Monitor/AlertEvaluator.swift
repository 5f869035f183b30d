/// The alert state machine: samples and times in, fire and resolve events out. No clock, no
/// locks, no IO.
///
/// Per rule: *inactive* → (breach) → *pending* since the first breaching sample → (still
/// breaching after the rule's duration) → *firing* → (recovered past the resolve threshold)
/// → *inactive*. A pending rule whose value stops breaching goes back to inactive without an
/// event. A sample without the rule's metric leaves its state unchanged.
public struct AlertEvaluator: Sendable {
    private enum RuleState: Sendable, Equatable {
        case inactive
        case pending(since: Duration)
        case firing
    }

    /// The rules, in evaluation order.
    public let rules: [AlertRule]
    private var states: [RuleState]

    /// Creates an evaluator with every rule inactive.
    /// - Parameter rules: the rules.
    public init(rules: [AlertRule]) {
        self.rules = rules
        states = Array(repeating: .inactive, count: rules.count)
    }

    /// The names of the rules currently firing, in rule order.
    public var firing: [String] {
        zip(rules, states).filter { $0.1 == .firing }.map(\.0.name)
    }

    /// Evaluates every rule against one sample.
    /// - Parameters:
    ///   - sample: the sampled values.
    ///   - now: the sample's time (any origin; only differences count).
    /// - Returns: the events, in rule order.
    public mutating func evaluate(_ sample: [SystemMonitor.Metric: Double], at now: Duration) -> [AlertEvent] {
        var events: [AlertEvent] = []
        for (index, rule) in rules.enumerated() {
            guard let value = sample[rule.metric], !value.isNaN else { continue }
            switch states[index] {
            case .inactive, .pending:
                guard rule.breaches(value) else {
                    states[index] = .inactive
                    continue
                }
                let since: Duration
                if case .pending(let start) = states[index] { since = start } else { since = now }
                if now - since >= rule.duration {
                    states[index] = .firing
                    events.append(AlertEvent(kind: .fired, rule: rule, value: value, at: now))
                } else {
                    states[index] = .pending(since: since)
                }
            case .firing:
                if rule.recovers(value) {
                    states[index] = .inactive
                    events.append(AlertEvent(kind: .resolved, rule: rule, value: value, at: now))
                }
            }
        }
        return events
    }
}
