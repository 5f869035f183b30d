import CQLProtocol
import Synchronization
import UVLoop
import XCTest
@testable import CassandraDriver

/// The IO shell over real loopback sockets, against a ``ScriptedPeer``.
final class ConnectionTests: XCTestCase {
    private var loop: EventLoop!

    override func setUp() {
        loop = EventLoop(name: "conn-test")
    }

    override func tearDown() async throws {
        try await loop.shutdown()
    }

    func testConnectsAndAnswersOneRequest() async throws {
        let peer = try await ScriptedPeer.start(on: loop)
        let connection = try await Connection.connect(to: peer)
        let response = try await connection.query("SELECT value FROM ks.t")
        XCTAssertEqual(response, .result(ScriptedPeer.cannedRows))
        XCTAssertEqual(peer.opcodes, [.options, .startup, .query])
        await connection.closeAndWait()
        peer.stop()
    }

    func testNegotiatesLZ4WhenAskedAndOffered() async throws {
        let peer = try await ScriptedPeer.start(on: loop)
        let connection = try await Connection.connect(to: peer) { $0.compression = true }
        XCTAssertEqual(connection.frameEncoder.compressor?.algorithm, "lz4")
        await connection.closeAndWait()
        peer.stop()
    }

    func testManyConcurrentRequestsFromManyTasksShareOneConnection() async throws {
        let peer = try await ScriptedPeer.start(on: loop)
        let connection = try await Connection.connect(to: peer)
        let tasks = 64, perTask = 50
        try await withTimeout(20) {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<tasks {
                    group.addTask {
                        var answered = 0
                        for _ in 0..<perTask {
                            if case .result = try await connection.query("SELECT value FROM ks.t") { answered += 1 }
                        }
                        return answered
                    }
                }
                let total = try await group.reduce(0, +)
                XCTAssertEqual(total, tasks * perTask)
            }
        }
        XCTAssertEqual(peer.connectionCount, 1)
        XCTAssertEqual(connection.inFlightCount, 0)
        await connection.closeAndWait()
        peer.stop()
    }

    func testRequestsWaitForStreamIDsWhenAllAreTaken() async throws {
        let peer = try await ScriptedPeer.start(on: loop)
        let connection = try await Connection.connect(to: peer) { $0.limits.maxInFlight = 2 }
        try await withTimeout {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<200 {
                    group.addTask { _ = try await connection.query("SELECT value FROM ks.t") }
                }
                try await group.waitForAll()
            }
        }
        await connection.closeAndWait()
        peer.stop()
    }

    func testUnansweredRequestTimesOutAndLaterRequestsStillWork() async throws {
        let peer = try await ScriptedPeer.start(on: loop) { request, _ in
            if case .query(let query) = request, query.query == "hang" { return .drop }
            return .respond(.result(ScriptedPeer.cannedRows))
        }
        let connection = try await Connection.connect(to: peer)
        let start = ContinuousClock.now
        await assertThrowsCassandraError(.requestTimeout) { try await connection.query("hang", timeout: .milliseconds(50)) }
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(1))
        let response = try await connection.query("SELECT value FROM ks.t")
        XCTAssertEqual(response, .result(ScriptedPeer.cannedRows))
        await connection.closeAndWait()
        peer.stop()
    }

    func testPeerClosingMidFlightFailsEveryPendingRequestFast() async throws {
        let peer = try await ScriptedPeer.start(on: loop) { _, _ in .drop }
        let connection = try await Connection.connect(to: peer)
        let failures = try await withTimeout(5) {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<100 {
                    group.addTask {
                        do {
                            _ = try await connection.query("SELECT value FROM ks.t", timeout: .seconds(30))
                            return 0
                        } catch let error as CassandraError where error.code == .connectionClosed {
                            return 1
                        }
                    }
                }
                try await waitUntil { peer.requestCount >= 102 }
                peer.dropConnections()
                return try await group.reduce(0, +)
            }
        }
        XCTAssertEqual(failures, 100)
        XCTAssertTrue(connection.isClosed)
        await assertThrowsCassandraError(.connectionClosed) { try await connection.query("SELECT 1") }
        peer.stop()
    }

    func testCancelledRequestKeepsItsStreamUntilTheLateResponseArrives() async throws {
        let peer = try await ScriptedPeer.start(on: loop) { request, _ in
            if case .query(let query) = request, query.query == "hold" { return .hold }
            return .respond(.result(ScriptedPeer.cannedRows))
        }
        let connection = try await Connection.connect(to: peer) { $0.limits.maxInFlight = 1 }
        let held = Task { try await connection.query("hold") }
        try await waitUntil { peer.heldCount == 1 }
        held.cancel()
        await assertThrowsCassandraError(.cancelled) { try await held.value }

        // The only stream id is still taken by the abandoned request: this one must wait …
        let waiting = Task { try await connection.query("SELECT value FROM ks.t") }
        try await Task.sleep(for: .milliseconds(50))
        XCTAssertEqual(peer.requestCount, 3)
        // … until the late response frees it (and is dropped, not delivered to `waiting`).
        peer.releaseHeld()
        let response = try await withTimeout { try await waiting.value }
        XCTAssertEqual(response, .result(ScriptedPeer.cannedRows))
        await connection.closeAndWait()
        peer.stop()
    }

    func testDowngradesToProtocolV3WhenTheServerRejectsV4() async throws {
        let peer = try await ScriptedPeer.start(on: loop, options: .init(rejectVersion4: true))
        let connection = try await Connection.connect(to: peer)
        XCTAssertEqual(connection.frameEncoder.version, 3)
        XCTAssertEqual(peer.connectionCount, 2)
        let response = try await connection.query("SELECT value FROM ks.t")
        XCTAssertEqual(response, .result(ScriptedPeer.cannedRows))
        await connection.closeAndWait()
        peer.stop()
    }

    func testAuthenticatesWithSASLPlain() async throws {
        let peer = try await ScriptedPeer.start(on: loop, options: .init(credentials: ("cassandra", "secret")))
        let connection = try await Connection.connect(to: peer) {
            $0.credentials = .init(username: "cassandra", password: "secret")
        }
        XCTAssertEqual(peer.opcodes, [.options, .startup, .authResponse])
        await connection.closeAndWait()

        await assertThrowsCassandraError(.authentication) {
            try await Connection.connect(to: peer) { $0.credentials = .init(username: "cassandra", password: "wrong") }
        }
        await assertThrowsCassandraError(.authentication) { try await Connection.connect(to: peer) }
        peer.stop()
    }

    func testConnectToClosedPortFailsWithConnectFailed() async throws {
        let peer = try await ScriptedPeer.start(on: loop)
        let port = peer.port
        try await peer.stopAndWait()
        await assertThrowsCassandraError(.connectFailed) {
            try await Connection.connect(configuration: .init(host: "127.0.0.1", port: port), on: self.loop, logger: .cassandraNoOp)
        }
    }

    func testHandshakeTimesOutWhenThePeerNeverAnswers() async throws {
        let peer = try await ScriptedPeer.start(on: loop)
        // A listener that accepts and stays silent.
        let silent = try await TCPListener.bind(host: "127.0.0.1", port: 0, on: loop) { connection in
            connection.startReading(onRead: { _ in }, onClose: { _ in })
        }
        await assertThrowsCassandraError(.connectTimeout) {
            var configuration = Connection.Configuration(host: "127.0.0.1", port: silent.port)
            configuration.connectTimeout = .milliseconds(100)
            return try await Connection.connect(configuration: configuration, on: self.loop, logger: .cassandraNoOp)
        }
        silent.close()
        peer.stop()
    }
}
