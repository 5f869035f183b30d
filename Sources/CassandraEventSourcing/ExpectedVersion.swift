/// What a writer believes a stream's version to be when it appends: the optimistic
/// concurrency check of ``EventStore/append(to:expectedVersion:events:)``.
///
/// Versions count events: the first event of a stream has version 1, and a stream's version
/// is the version of its last event.
public enum ExpectedVersion: Sendable, Hashable, CustomStringConvertible {
    /// The stream must not exist yet.
    case noStream
    /// The stream's last event must have exactly this version.
    case exact(Int64)
    /// No check: append after whatever the stream holds (still atomic and gap-free).
    case any

    /// Creates the expectation for a stream known to be at `version` (`0` or `nil`: empty).
    /// - Parameter version: the version read, `0` or `nil` for a stream with no events.
    public init(streamVersion version: Int64?) {
        if let version, version > 0 { self = .exact(version) } else { self = .noStream }
    }

    /// Whether a stream whose version is `actual` (`nil`: no stream) satisfies the expectation.
    /// - Parameter actual: the stream's current version.
    /// - Returns: `true` when an append may proceed.
    public func isSatisfied(by actual: Int64?) -> Bool {
        switch self {
        case .any: true
        case .noStream: actual == nil
        case .exact(let version): actual == version
        }
    }

    /// `noStream`, `exact(n)` or `any`.
    public var description: String {
        switch self {
        case .noStream: "noStream"
        case .exact(let version): "exact(\(version))"
        case .any: "any"
        }
    }
}
