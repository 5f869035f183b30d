/// Decides how long to wait between attempts to reconnect to a node.
///
/// A policy hands out one ``ReconnectionSchedule`` per outage; the pool asks the schedule
/// for a delay before each attempt and drops it once a connection succeeds, so the next
/// outage starts over from the first delay.
public protocol ReconnectionPolicy: Sendable {
    /// A fresh schedule, at its first delay.
    func makeSchedule() -> any ReconnectionSchedule
}

/// The delays of one outage, in order: a value type, so that advancing it is pure.
public protocol ReconnectionSchedule: Sendable {
    /// The delay before the next attempt; advances the schedule.
    mutating func nextDelay() -> Duration
}
