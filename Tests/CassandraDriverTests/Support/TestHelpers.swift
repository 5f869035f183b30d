import CQLProtocol
import Foundation
import Logging
import Synchronization
import UVLoop
import XCTest
@testable import CassandraDriver

/// Thrown by ``withTimeout(_:_:)`` when the body takes too long.
struct TestTimeout: Error, CustomStringConvertible {
    let seconds: Double
    var description: String { "test step timed out after \(seconds) s" }
}

/// Runs `body`, failing with ``TestTimeout`` after `seconds` instead of hanging the suite.
func withTimeout<T: Sendable>(_ seconds: Double = 10, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        let pending = Mutex<CheckedContinuation<T, any Error>?>(continuation)
        let resume: @Sendable (Result<T, any Error>) -> Void = { result in
            pending.withLock { slot in
                slot?.resume(with: result)
                slot = nil
            }
        }
        let work = Task { do { resume(.success(try await body())) } catch { resume(.failure(error)) } }
        Task {
            try? await Task.sleep(for: .seconds(seconds))
            work.cancel()
            resume(.failure(TestTimeout(seconds: seconds)))
        }
    }
}

/// Polls `condition` until it holds; throws ``TestTimeout`` after `seconds`.
func waitUntil(_ seconds: Double = 5, _ condition: @Sendable () -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while !condition() {
        guard ContinuousClock.now < deadline else { throw TestTimeout(seconds: seconds) }
        try await Task.sleep(for: .milliseconds(2))
    }
}

/// Connection helpers for tests against a ``ScriptedPeer``.
extension Connection {
    /// Connects to `peer` with a fast tick so timeouts show quickly.
    static func connect(to peer: ScriptedPeer, configure: (inout Configuration) -> Void = { _ in }) async throws -> Connection {
        var configuration = Configuration(host: "127.0.0.1", port: peer.port)
        configuration.tickInterval = .milliseconds(5)
        configure(&configuration)
        return try await Connection.connect(configuration: configuration, on: peer.loop, logger: .cassandraNoOp)
    }

    /// Sends a QUERY and decodes the answer.
    func query(_ text: String, timeout: Duration = .seconds(5)) async throws -> ResponseMessage {
        var buffer = CQLBuffer(capacity: 64)
        try frameEncoder.encode(.query(.init(query: text, parameters: .init(consistency: .one))), stream: 0, into: &buffer)
        let frame = try await send((consume buffer).bytes, deadline: .now + timeout)
        return try frame.decodeResponse()
    }
}

/// Asserts that `body` throws a ``CassandraError`` with `code`.
func assertThrowsCassandraError<T>(
    _ code: CassandraError.Code, file: StaticString = #filePath, line: UInt = #line, _ body: () async throws -> T
) async {
    do {
        _ = try await body()
        XCTFail("expected CassandraError(\(code)), got a value", file: file, line: line)
    } catch let error as CassandraError {
        XCTAssertEqual(error.code, code, String(reflecting: error), file: file, line: line)
    } catch {
        XCTFail("expected CassandraError(\(code)), got \(error)", file: file, line: line)
    }
}
