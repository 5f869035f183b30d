import CassandraDriver
import CQLProtocol
import CQLTesting
import XCTest

/// LZ4 frame compression over real sockets: multi-megabyte values both ways (frames that span
/// many socket reads) and many small concurrent requests. The embedded server reports what
/// each connection negotiated, so the tests also prove that compression was really on.
final class CompressionIntegrationTests: XCTestCase {
    func testEveryConnectionNegotiatesLZ4WhenAskedAndNoneOtherwise() async throws {
        try await skipUnlessEmbeddedServer()
        try await withDedicatedServer { server in
            var configuration = Session.Configuration(contactPoints: [server.contactPoint])
            configuration.compression = true
            configuration.connectionsPerNode = 2
            let compressed = try await Session.connect(configuration: configuration)
            let allCompressed = await eventually { server.connectionCount == 3 && server.compressedConnectionCount == 3 }
            XCTAssertTrue(allCompressed, "\(server.compressedConnectionCount) of \(server.connectionCount) connections use LZ4")
            try await compressed.close()

            configuration.compression = false
            let plain = try await Session.connect(configuration: configuration)
            let noneCompressed = await eventually { server.connectionCount == 3 }
            XCTAssertTrue(noneCompressed)
            XCTAssertEqual(server.compressedConnectionCount, 0)
            try await plain.close()
        }
    }

    func testMultiMegabyteTextAndBlobValuesRoundTripCompressed() async throws {
        try await withCompressedSession { session in
            try await session.execute("CREATE TABLE docs (k int PRIMARY KEY, body text, payload blob)")
            try await session.waitForSchemaAgreement()
            let insert = try await session.prepare("INSERT INTO docs (k, body, payload) VALUES (?, ?, ?)")
            let select = try await session.prepare("SELECT body, payload FROM docs WHERE k = ?")
            // Text compresses well; random bytes do not (LZ4 must still round-trip them).
            let body = String(repeating: "the quick brown fox jumps over the lazy dog ✓ ", count: 100_000)  // ~4.6 MB
            var generator = SplitMix64(seed: 42)
            let payload = (0..<3_000_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            try await session.execute(insert, Int32(1), body, payload)
            try await session.execute(insert, Int32(2), "small", [UInt8]([1, 2, 3]))

            let big = try await session.execute(select, Int32(1))
            XCTAssertEqual(try big.first?["body", as: String.self], body)
            XCTAssertEqual(try big.first?["payload", as: [UInt8].self], payload)
            let small = try await session.execute(select, Int32(2))
            XCTAssertEqual(try small.first?["body", as: String.self], "small")
            XCTAssertEqual(try small.first?["payload", as: [UInt8].self], [1, 2, 3])
        }
    }

    func testManySmallConcurrentRequestsOverCompressedConnections() async throws {
        try await withCompressedSession { session in
            try await session.execute("CREATE TABLE counters (k int PRIMARY KEY, v text)")
            try await session.waitForSchemaAgreement()
            let insert = try await session.prepare("INSERT INTO counters (k, v) VALUES (?, ?)")
            let select = try await session.prepare("SELECT v FROM counters WHERE k = ?")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for k in 0..<2000 {
                    group.addTask { try await session.execute(insert, Int32(k), "value \(k)") }
                }
                try await group.waitForAll()
            }
            let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
                for k in 0..<2000 {
                    group.addTask {
                        let row = try await session.execute(select, Int32(k))
                        return try row.first?["v", as: String.self] == "value \(k)" ? 0 : 1
                    }
                }
                return try await group.reduce(0, +)
            }
            XCTAssertEqual(mismatches, 0)
        }
    }

    /// A test keyspace session with LZ4 on, against the embedded server or the configured
    /// cluster (which must then offer lz4).
    private func withCompressedSession(_ body: (Session) async throws -> Void) async throws {
        try await withTestKeyspaceSession(configure: { $0.compression = true }) { session, _ in
            try await body(session)
        }
    }
}
