import CassandraDriver
import CQLProtocol
import CQLTesting
import XCTest

/// The embedded server answers malformed input with a protocol error and closes that
/// connection, never crashing, hanging or allocating what a bad length announces; other
/// clients are unaffected.
final class MalformedFrameIntegrationTests: XCTestCase {
    private func serverPort() async throws -> Int {
        guard let server = try await embeddedServer else { throw XCTSkip("raw frames are sent to the embedded server only") }
        return server.port
    }

    /// The ERROR frame the server sent, decoded.
    private func error(in bytes: [UInt8]) throws -> ServerError {
        var buffer = CQLBuffer(bytes: bytes)
        let frame = try XCTUnwrap(try FrameDecoder().decode(from: &buffer))
        guard case .error(let error) = try frame.decodeResponse() else { throw XCTSkip("expected an ERROR frame") }
        return error
    }

    func testUnsupportedVersionGetsAProtocolErrorOnItsStream() async throws {
        let socket = try RawCQLSocket(port: try await serverPort())
        socket.send([0x05, 0x00, 0x00, 0x07, 0x05, 0x00, 0x00, 0x00, 0x00])
        let (bytes, closed) = socket.readUntilClosed()
        XCTAssertTrue(closed)
        XCTAssertEqual(bytes[2...3], [0x00, 0x07], "the error answers stream 7")
        let serverError = try error(in: bytes)
        XCTAssertEqual(serverError.code, .protocolError)
        XCTAssertTrue(serverError.message.contains("unsupported protocol version"), serverError.message)
    }

    func testAnnouncedGiantBodyIsRejectedWithoutWaitingForIt() async throws {
        let socket = try RawCQLSocket(port: try await serverPort())
        socket.send([0x04, 0x00, 0x00, 0x01, 0x07, 0x7F, 0xFF, 0xFF, 0xFF])
        let (bytes, closed) = socket.readUntilClosed()
        XCTAssertTrue(closed)
        XCTAssertEqual(try error(in: bytes).code, .protocolError)
    }

    func testUnknownOpcodeAndGarbageBodiesAreProtocolErrors() async throws {
        let port = try await serverPort()
        let unknownOpcode = try RawCQLSocket(port: port)
        unknownOpcode.send([0x04, 0x00, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00])
        XCTAssertEqual(try error(in: unknownOpcode.readUntilClosed().bytes).code, .protocolError)

        // A STARTUP whose string map announces more entries than the body holds.
        let truncatedStartup = try RawCQLSocket(port: port)
        truncatedStartup.send([0x04, 0x00, 0x00, 0x02, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x09])
        truncatedStartup.finishSending()
        let (bytes, _) = truncatedStartup.readUntilClosed()
        XCTAssertEqual(try error(in: bytes).code, .protocolError)
    }

    func testRandomGarbageNeverTakesTheServerDown() async throws {
        let port = try await serverPort()
        var generator = SplitMix64(seed: 0xC0FFEE)
        for _ in 0..<100 {
            let socket = try RawCQLSocket(port: port, timeout: 2)
            let length = Int(generator.next() % 64) + 1
            socket.send((0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
            socket.finishSending()
            _ = socket.readUntilClosed()
        }
        try await withTestSession { session, _ in
            let row = try await session.execute("SELECT release_version FROM system.local").first
            XCTAssertNotNil(row, "the server still answers real clients")
        }
    }
}
