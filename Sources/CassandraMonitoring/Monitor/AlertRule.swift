/// A threshold on one ``SystemMonitor/Metric``: the alert fires once the value has been past
/// ``threshold`` for ``duration``, and resolves once it is back past ``resolveThreshold``.
///
/// A resolve threshold short of the firing one gives hysteresis, so a value hovering around
/// the threshold does not fire and resolve on every sample:
///
/// ```swift
/// AlertRule(name: "high-error-rate", metric: .errorRate, .above, 0.05, for: .seconds(30), resolveAt: 0.01)
/// ```
public struct AlertRule: Sendable, Equatable {
    /// Which side of the threshold is bad.
    public enum Comparison: Sendable, Equatable {
        /// Values greater than the threshold breach it.
        case above
        /// Values less than the threshold breach it.
        case below
    }

    /// The alert's name, unique among a monitor's rules.
    public var name: String
    /// The metric watched.
    public var metric: SystemMonitor.Metric
    /// Which side is bad.
    public var comparison: Comparison
    /// The firing threshold.
    public var threshold: Double
    /// How long the value must stay past the threshold before the alert fires; `.zero` fires
    /// on the first breaching sample.
    public var duration: Duration
    /// The value must get back past this one to resolve (for ``Comparison/above``: at or below it).
    public var resolveThreshold: Double

    /// Creates a rule.
    /// - Parameters:
    ///   - name: the alert's name.
    ///   - metric: the metric watched.
    ///   - comparison: which side is bad.
    ///   - threshold: the firing threshold.
    ///   - duration: how long the breach must last before firing.
    ///   - resolveThreshold: where the value must get back to for the alert to resolve; the
    ///     firing threshold when `nil`.
    public init(
        name: String, metric: SystemMonitor.Metric, _ comparison: Comparison, _ threshold: Double,
        for duration: Duration = .zero, resolveAt resolveThreshold: Double? = nil
    ) {
        self.name = name
        self.metric = metric
        self.comparison = comparison
        self.threshold = threshold
        self.duration = duration
        self.resolveThreshold = resolveThreshold ?? threshold
    }

    /// Whether a value breaches the firing threshold.
    func breaches(_ value: Double) -> Bool {
        comparison == .above ? value > threshold : value < threshold
    }

    /// Whether a value is back on the good side of the resolve threshold.
    func recovers(_ value: Double) -> Bool {
        comparison == .above ? value <= resolveThreshold : value >= resolveThreshold
    }
}
