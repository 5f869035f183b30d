import CassandraDriver
import CQLTesting
import Synchronization
import XCTest

/// Skips the calling test when `CASSANDRA_CONTACT_POINTS` names an external cluster: fault
/// rules, credentials and restarts need the embedded server.
/// - Throws: `XCTSkip` against an external cluster.
func skipUnlessEmbeddedServer() async throws {
    guard try await isEmbeddedServer else {
        throw XCTSkip("needs the embedded server (fault rules, credentials or restarts); CASSANDRA_CONTACT_POINTS names an external cluster")
    }
}

/// Polls `condition` until it holds or `timeout` passes.
/// - Returns: whether it held in time.
func eventually(timeout: Duration = .seconds(5), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try await condition() { return true }
        if ContinuousClock.now >= deadline { return false }
        try? await Task.sleep(for: .milliseconds(20))
    }
}

/// Keeps every attempt a session reports, for assertions.
final class RecordingObserver: RequestObserver {
    private let recorded = Mutex<[RequestAttempt]>([])

    func attemptFinished(_ attempt: RequestAttempt) {
        recorded.withLock { $0.append(attempt) }
    }

    /// The attempts reported so far, in order.
    var attempts: [RequestAttempt] { recorded.withLock { $0 } }

    /// The attempts of requests whose CQL text is `statement`.
    func attempts(of statement: String) -> [RequestAttempt] { attempts.filter { $0.statement == statement } }

    /// Forgets everything recorded so far.
    func reset() { recorded.withLock { $0.removeAll() } }
}

extension RequestAttempt.Outcome {
    /// The error of a failed attempt.
    var error: CassandraError? {
        if case .failure(let error) = self { return error }
        return nil
    }

    var isSuccess: Bool { error == nil }
}
