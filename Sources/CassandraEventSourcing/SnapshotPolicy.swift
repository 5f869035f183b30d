/// When ``AggregateRepository`` writes a snapshot after a save.
public enum SnapshotPolicy: Sendable, Hashable {
    /// Never: loads replay the whole stream.
    case never
    /// Each time a save crosses a multiple of `n` events (versions n, 2n, …).
    case everyEvents(Int64)

    /// Whether a save that moved the stream from `previousVersion` to `newVersion` should
    /// write a snapshot.
    /// - Parameters:
    ///   - previousVersion: the version before the save.
    ///   - newVersion: the version after it.
    /// - Returns: `true` when a multiple of the interval lies in `(previousVersion, newVersion]`.
    public func shouldSnapshot(previousVersion: Int64, newVersion: Int64) -> Bool {
        switch self {
        case .never: false
        case .everyEvents(let interval): interval > 0 && newVersion / interval > previousVersion / interval
        }
    }
}
