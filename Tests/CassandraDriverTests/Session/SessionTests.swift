import CQLProtocol
import Synchronization
import UVLoop
import XCTest
@testable import CassandraDriver

/// The session end to end over loopback, against a ``ScriptedPeer`` (no system tables, so the
/// contact point is the only node).
final class SessionTests: XCTestCase {
    private var loop: EventLoop!

    override func setUp() {
        loop = EventLoop(name: "peer")
    }

    override func tearDown() async throws {
        try await loop.shutdown()
    }

    private func connect(to peer: ScriptedPeer, _ configure: (inout Session.Configuration) -> Void = { _ in }) async throws -> Session {
        var configuration = Session.Configuration(contactPoints: ["127.0.0.1:\(peer.port)"], localDatacenter: "dc1")
        configuration.reconnectionPolicy = ConstantReconnectionPolicy(delay: .milliseconds(10))
        configure(&configuration)
        return try await Session.connect(configuration: configuration)
    }

    func testExecuteReturnsTypedRows() async throws {
        let peer = try await ScriptedPeer.start(on: loop)
        let session = try await connect(to: peer)
        let result = try await session.execute("SELECT value FROM ks.t WHERE id = ?", Int32(7))
        XCTAssertEqual(result.count, 1)
        XCTAssertEqual(try result[0][0, as: Int32.self], 42)
        XCTAssertEqual(try result[0]["value", as: Int.self], 42)
        XCTAssertTrue(result.wasApplied)
        try await session.close()
        peer.stop()
    }

    func testPrepareIsCachedAndExecuteSkipsMetadata() async throws {
        let peer = try await ScriptedPeer.start(on: loop)
        let session = try await connect(to: peer)
        let first = try await session.prepare("SELECT value FROM ks.t WHERE id = ?")
        let second = try await session.prepare("SELECT value FROM ks.t WHERE id = ?")
        XCTAssertEqual(first.id, second.id)
        XCTAssertEqual(peer.opcodes.filter { $0 == .prepare }.count, 1)
        let result = try await session.execute(first, Int32(1))
        XCTAssertEqual(result.columns.map(\.name), ["value"])
        XCTAssertEqual(try result.first?["value", as: Int32.self], 42)
        XCTAssertNotNil(try first.bind(Int32(1)).token)
        try await session.close()
        peer.stop()
    }

    func testValuesWithoutANaturalTypeArePreparedTransparently() async throws {
        let peer = try await ScriptedPeer.start(on: loop)
        let session = try await connect(to: peer)
        // `CQLValue` has no single natural type, so the driver prepares to learn the marker's.
        _ = try await session.execute("SELECT value FROM ks.t WHERE id = ?", CQLValue.int(3))
        XCTAssertEqual(peer.opcodes.filter { $0 == .prepare }.count, 1)
        XCTAssertEqual(peer.opcodes.last, .execute)
        try await session.close()
        peer.stop()
    }

    func testUnpreparedIsRepreparedAndRetriedOnce() async throws {
        let executions = Mutex(0)
        let peer = try await ScriptedPeer.start(on: loop) { request, index in
            if case .execute = request {
                let count = executions.withLock { value -> Int in
                    value += 1
                    return value
                }
                if count == 1 { return .respond(.error(ServerError(message: "unknown id", details: .unprepared(id: [1, 2, 3, 4])))) }
            }
            return ScriptedPeer.defaultScript(request, index)
        }
        let session = try await connect(to: peer)
        let prepared = try await session.prepare("SELECT value FROM ks.t WHERE id = ?")
        let result = try await session.execute(prepared, Int32(1))
        XCTAssertEqual(result.count, 1)
        XCTAssertEqual(peer.opcodes.filter { $0 == .prepare }.count, 2)
        try await session.close()
        peer.stop()
    }

    func testRowsPagesLazilyAndStops() async throws {
        let peer = try await ScriptedPeer.start(on: loop) { request, _ in
            guard case .query(let query) = request else { return .respond(.result(ScriptedPeer.cannedRows)) }
            let page = query.parameters.pagingState.map { Int($0[0]) } ?? 0
            let metadata = ResultMetadata(columns: [.init(keyspace: "ks", table: "t", name: "value", type: .int)],
                                          pagingState: page < 4 ? [UInt8(page + 1)] : nil)
            return .respond(.result(.rows(.init(metadata: metadata, rows: [[[0, 0, 0, UInt8(page)]], [[0, 0, 0, UInt8(page)]]]))))
        }
        let session = try await connect(to: peer)
        var values: [Int32] = []
        for try await row in session.rows("SELECT value FROM ks.t", options: .init(pageSize: 2)) {
            values.append(try row[0, as: Int32.self])
        }
        XCTAssertEqual(values, [0, 0, 1, 1, 2, 2, 3, 3, 4, 4])
        let queriesBefore = peer.opcodes.filter { $0 == .query }.count
        for try await _ in session.rows("SELECT value FROM ks.t") { break }
        XCTAssertEqual(peer.opcodes.filter { $0 == .query }.count, queriesBefore + 1)

        struct Item: Decodable, Equatable { var value: Int32 }
        var items: [Item] = []
        for try await item in session.rows("SELECT value FROM ks.t").decode(Item.self) { items.append(item) }
        XCTAssertEqual(items.count, 10)
        try await session.close()
        peer.stop()
    }

    func testBatchMixesSimpleAndPreparedStatements() async throws {
        let peer = try await ScriptedPeer.start(on: loop)
        let session = try await connect(to: peer)
        let prepared = try await session.prepare("INSERT INTO ks.t (id) VALUES (?)")
        var batch = BatchStatement(type: .unlogged)
        batch.add("INSERT INTO ks.t (id, value) VALUES (?, ?)", Int32(1), Int32(2))
        batch.add(try prepared.bind(Int32(3)))
        _ = try await session.batch(batch)
        XCTAssertEqual(peer.opcodes.last, .batch)
        try await session.close()
        peer.stop()
    }

    func testUseSwitchesEveryConnection() async throws {
        let peer = try await ScriptedPeer.start(on: loop)
        let session = try await connect(to: peer) { $0.connectionsPerNode = 2 }
        try await waitUntil { peer.connectionCount >= 3 }
        try await session.use(keyspace: "shop")
        XCTAssertEqual(session.keyspace, "shop")
        try await waitUntil { peer.opcodes.filter { $0 == .query }.count >= 2 }
        try await session.close()
        peer.stop()
    }

    func testPoolReconnectsAfterThePeerDropsConnections() async throws {
        let peer = try await ScriptedPeer.start(on: loop)
        let session = try await connect(to: peer)
        _ = try await session.execute("SELECT value FROM ks.t")
        let before = peer.connectionCount
        peer.dropConnections()
        try await withTimeout {
            while true {
                if let result = try? await session.execute("SELECT value FROM ks.t"), result.count == 1 { return }
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        XCTAssertGreaterThan(peer.connectionCount, before)
        try await session.close()
        peer.stop()
    }

    func testNonIdempotentOverloadedIsNotRetried() async throws {
        let peer = try await ScriptedPeer.start(on: loop) { request, index in
            if case .query(let query) = request, query.query.hasPrefix("INSERT") {
                return .respond(.error(ServerError(code: .overloaded, message: "busy")))
            }
            return ScriptedPeer.defaultScript(request, index)
        }
        let session = try await connect(to: peer)
        await assertThrowsCassandraError(.server) { try await session.execute("INSERT INTO ks.t (id) VALUES (1)") }
        // Idempotent: retried on the next node, of which there is none.
        do {
            try await session.execute("INSERT INTO ks.t (id) VALUES (1)", options: .init(isIdempotent: true))
            XCTFail("expected an error")
        } catch let error as CassandraError {
            XCTAssertEqual(error.code, .noNodeAvailable)
            XCTAssertEqual(error.nodeErrors.first?.error.serverError?.code, .overloaded)
            XCTAssertEqual(error.statement, "INSERT INTO ks.t (id) VALUES (1)")
        }
        try await session.close()
        peer.stop()
    }

    func testObserversSeeEveryAttempt() async throws {
        final class Recorder: RequestObserver, Sendable {
            let attempts = Mutex<[RequestAttempt]>([])
            func attemptFinished(_ attempt: RequestAttempt) { attempts.withLock { $0.append(attempt) } }
        }
        let recorder = Recorder()
        let peer = try await ScriptedPeer.start(on: loop)
        let session = try await connect(to: peer) { $0.requestObservers = [recorder] }
        _ = try await session.execute("SELECT value FROM ks.t")
        let attempts = recorder.attempts.withLock { $0 }
        XCTAssertEqual(attempts.count, 1)
        XCTAssertEqual(attempts.first?.statement, "SELECT value FROM ks.t")
        XCTAssertEqual(attempts.first?.attempt, 1)
        try await session.close()
        peer.stop()
    }

    func testCloseFailsLaterRequestsAndIsIdempotent() async throws {
        let peer = try await ScriptedPeer.start(on: loop)
        let session = try await connect(to: peer)
        try await session.close()
        try await session.close()
        await assertThrowsCassandraError(.shutdown) { try await session.execute("SELECT value FROM ks.t") }
        peer.stop()
    }

    func testUnreachableContactPointsFailWithPerNodeErrors() async throws {
        let peer = try await ScriptedPeer.start(on: loop)
        let port = peer.port
        try await peer.stopAndWait()
        do {
            _ = try await Session.connect(configuration: .init(contactPoints: ["127.0.0.1:\(port)"]))
            XCTFail("expected an error")
        } catch let error as CassandraError {
            XCTAssertEqual(error.code, .noNodeAvailable)
            XCTAssertEqual(error.nodeErrors.first?.error.code, .connectFailed)
        }
    }
}
