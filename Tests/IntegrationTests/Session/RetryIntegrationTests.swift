import CassandraDriver
import CQLProtocol
import CQLServer
import CQLTesting
import XCTest

/// Retry decisions driven by real server errors (fault rules answering EXECUTE with an
/// ERROR once), observed through a ``RequestObserver`` and the data itself.
///
/// The embedded server is one node, so the default policy's "try the next node" ends the
/// query plan at once (``CassandraError/Code/noNodeAvailable`` with the node's error). Tests
/// that need a retry to happen use ``RetryOnTheSameNode``, which turns every "next node" into
/// "same node" and otherwise decides exactly like ``DefaultRetryPolicy`` (idempotence included).
final class RetryIntegrationTests: XCTestCase {
    private static let overloaded = ServerError(code: .overloaded, message: "Too many in-flight requests (fault rule)")
    private static let unavailable = ServerError(
        message: "Cannot achieve consistency level QUORUM (fault rule)",
        details: .unavailable(consistency: .quorum, required: 3, alive: 1))

    func testAReadTimeoutWithEnoughReplicasIsRetriedOnTheSameNodeByTheDefaultPolicy() async throws {
        try await withFaultSession { session, server, observer in
            let select = try await session.prepare("SELECT v FROM kv WHERE k = ?")
            observer.reset()
            server.addFaultRule(FaultRule(.opcode(.execute), .respond(ServerError(
                message: "Operation timed out (fault rule)",
                details: .readTimeout(consistency: .localOne, received: 1, blockFor: 1, dataPresent: false))), times: 1))
            let row = try await session.execute(select, Int32(1))
            XCTAssertEqual(try row.first?["v", as: String.self], "one")
            let attempts = observer.attempts(of: select.cql)
            XCTAssertEqual(attempts.map(\.attempt), [1, 2])
            XCTAssertEqual(attempts.first?.outcome.error?.serverError?.code, .readTimeout)
            XCTAssertTrue(attempts.last?.outcome.isSuccess ?? false)
            XCTAssertEqual(Set(attempts.map(\.node)), [server.contactPoint])
        }
    }

    func testAnOverloadedIdempotentWriteIsRetriedAndAppliedOnce() async throws {
        try await withFaultSession(retryPolicy: RetryOnTheSameNode()) { session, server, observer in
            let insert = try await session.prepare("INSERT INTO kv (k, v) VALUES (?, ?)")
            observer.reset()
            server.addFaultRule(FaultRule(.opcode(.execute), .respond(Self.overloaded), times: 1))
            try await session.execute(insert, Int32(2), "two", options: .init(isIdempotent: true))
            let attempts = observer.attempts(of: insert.cql)
            XCTAssertEqual(attempts.map(\.attempt), [1, 2])
            XCTAssertEqual(attempts.first?.outcome.error?.serverError?.code, .overloaded)
            XCTAssertTrue(attempts.last?.outcome.isSuccess ?? false)
            let row = try await session.execute("SELECT v FROM kv WHERE k = 2")
            XCTAssertEqual(try row.first?["v", as: String.self], "two")
        }
    }

    func testAnOverloadedNonIdempotentWriteIsNotRetriedAndCarriesTheServerError() async throws {
        try await withFaultSession(retryPolicy: RetryOnTheSameNode()) { session, server, observer in
            let insert = try await session.prepare("INSERT INTO kv (k, v) VALUES (?, ?)")
            observer.reset()
            server.addFaultRule(FaultRule(.opcode(.execute), .respond(Self.overloaded), times: 1))
            do {
                try await session.execute(insert, Int32(3), "three")
                XCTFail("a non-idempotent write was retried after Overloaded")
            } catch let error as CassandraError {
                XCTAssertEqual(error.code, .server, String(reflecting: error))
                XCTAssertEqual(error.serverError, Self.overloaded)
                XCTAssertEqual(error.node, server.contactPoint)
                XCTAssertEqual(error.statement, insert.cql)
            }
            XCTAssertEqual(observer.attempts(of: insert.cql).map(\.attempt), [1])
            let row = try await session.execute("SELECT v FROM kv WHERE k = 3")
            XCTAssertTrue(row.isEmpty, "the server ran a request it answered with Overloaded")
        }
    }

    func testTheDefaultPolicySendsAnOverloadedIdempotentRequestToTheNextNodeAndReportsEachNode() async throws {
        try await withFaultSession { session, server, observer in
            let select = try await session.prepare("SELECT v FROM kv WHERE k = ?")
            observer.reset()
            server.addFaultRule(FaultRule(.opcode(.execute), .respond(Self.overloaded), times: 1))
            do {
                _ = try await session.execute(select, Int32(1), options: .init(isIdempotent: true))
                XCTFail("a one-node plan has no next node")
            } catch let error as CassandraError {
                XCTAssertEqual(error.code, .noNodeAvailable, String(reflecting: error))
                XCTAssertEqual(error.nodeErrors.map(\.node), [server.contactPoint])
                XCTAssertEqual(error.nodeErrors.first?.error.serverError, Self.overloaded)
            }
            XCTAssertEqual(observer.attempts(of: select.cql).map(\.attempt), [1])
            // The rule was used up: the next request succeeds.
            let row = try await session.execute(select, Int32(1))
            XCTAssertEqual(try row.first?["v", as: String.self], "one")
        }
    }

    func testUnavailableKeepsItsStructuredDetails() async throws {
        try await withFaultSession(retryPolicy: FallthroughRetryPolicy()) { session, server, observer in
            let select = try await session.prepare("SELECT v FROM kv WHERE k = ?")
            server.addFaultRule(FaultRule(.opcode(.execute), .respond(Self.unavailable), times: 1))
            do {
                _ = try await session.execute(select, Int32(1))
                XCTFail("Unavailable was not reported")
            } catch let error as CassandraError {
                XCTAssertEqual(error.code, .server, String(reflecting: error))
                XCTAssertEqual(error.serverError?.code, .unavailable)
                XCTAssertEqual(error.serverError?.details, .unavailable(consistency: .quorum, required: 3, alive: 1))
                XCTAssertEqual(error.serverError?.message, Self.unavailable.message)
            }
        }
    }

    func testTheDefaultPolicyTriesAnotherNodeAfterUnavailableEvenForNonIdempotentRequests() async throws {
        try await withFaultSession { session, server, observer in
            let insert = try await session.prepare("INSERT INTO kv (k, v) VALUES (?, ?)")
            observer.reset()
            server.addFaultRule(FaultRule(.opcode(.execute), .respond(Self.unavailable), times: 1))
            do {
                try await session.execute(insert, Int32(4), "four")
                XCTFail("a one-node plan has no next node")
            } catch let error as CassandraError {
                // Unavailable means the coordinator ran nothing, so moving on is safe; here
                // there is nowhere to move.
                XCTAssertEqual(error.code, .noNodeAvailable, String(reflecting: error))
                XCTAssertEqual(error.nodeErrors.first?.error.serverError?.details,
                               .unavailable(consistency: .quorum, required: 3, alive: 1))
            }
            XCTAssertEqual(observer.attempts(of: insert.cql).count, 1)
        }
    }

    func testAClientTimeoutIsRetriedOnlyForIdempotentStatements() async throws {
        try await withFaultSession(retryPolicy: RetryOnTheSameNode()) { session, server, observer in
            let select = try await session.prepare("SELECT v FROM kv WHERE k = ?")
            observer.reset()
            server.addFaultRule(FaultRule(.opcode(.execute), .delay(.seconds(2)), times: 1))
            let row = try await session.execute(select, Int32(1), options: .init(timeout: .milliseconds(200), isIdempotent: true))
            XCTAssertEqual(try row.first?["v", as: String.self], "one")
            XCTAssertEqual(observer.attempts(of: select.cql).map { $0.outcome.error?.code }, [.requestTimeout, nil])

            observer.reset()
            server.addFaultRule(FaultRule(.opcode(.execute), .delay(.seconds(2)), times: 1))
            do {
                _ = try await session.execute(select, Int32(1), options: .init(timeout: .milliseconds(200)))
                XCTFail("a non-idempotent statement was retried after a client timeout")
            } catch let error as CassandraError {
                XCTAssertEqual(error.code, .requestTimeout, String(reflecting: error))
            }
            XCTAssertEqual(observer.attempts(of: select.cql).count, 1)
        }
    }

    /// A dedicated server with `kv (k int PRIMARY KEY, v text)` holding `1 → one`, and a
    /// session with `retryPolicy` and a recording observer.
    private func withFaultSession(
        retryPolicy: any RetryPolicy = DefaultRetryPolicy(),
        _ body: (Session, EmbeddedCQLServer, RecordingObserver) async throws -> Void
    ) async throws {
        try await skipUnlessEmbeddedServer()
        let observer = RecordingObserver()
        try await withDedicatedServerSession(configure: {
            $0.retryPolicy = retryPolicy
            $0.requestObservers = [observer]
        }) { session, server, _ in
            try await session.execute("CREATE TABLE kv (k int PRIMARY KEY, v text)")
            try await session.waitForSchemaAgreement()
            try await session.execute("INSERT INTO kv (k, v) VALUES (1, 'one')")
            try await body(session, server, observer)
        }
    }
}

/// ``DefaultRetryPolicy``, except that "next node" becomes "same node": the embedded server is
/// the only node, so this is how a test sees a retry the default policy would send elsewhere.
struct RetryOnTheSameNode: RetryPolicy {
    func decide(_ context: RetryContext) -> RetryDecision {
        switch DefaultRetryPolicy().decide(context) {
        case .retryNextNode(let consistency): .retrySameNode(consistency: consistency)
        case let decision: decision
        }
    }
}
