import UVLoop
import XCTest

final class TCPListenerTests: XCTestCase {
    func testEphemeralPortIsReported() async throws {
        try await withEventLoop { loop in
            let listener = try await startEchoServer(on: loop)
            XCTAssertGreaterThan(listener.port, 0)
            XCTAssertEqual(listener.host, "127.0.0.1")
            XCTAssertTrue(listener.eventLoop === loop)
            listener.close()
            listener.close()
        }
    }

    func testBindRejectsHostNamesAndPortsInUse() async throws {
        try await withEventLoop { loop in
            do {
                _ = try await TCPListener.bind(host: "localhost", port: 0, on: loop) { _ in }
                XCTFail("bind must need an IP literal")
            } catch let error as UVError {
                XCTAssertEqual(error.code, .invalidArgument)
            }
            let first = try await startEchoServer(on: loop)
            do {
                _ = try await TCPListener.bind(host: "127.0.0.1", port: first.port, on: loop) { _ in }
                XCTFail("the port is taken")
            } catch let error as UVError {
                XCTAssertEqual(error.code, .addressInUse)
                XCTAssertEqual(error.port, first.port)
            }
        }
    }

    func testAcceptedConnectionsAreSpreadOverTheGroup() async throws {
        let group = EventLoopGroup(numberOfThreads: 2)
        try await withEventLoop { loop in
            let acceptedOn = Locked<[ObjectIdentifier]>([])
            let listener = try await TCPListener.bind(
                host: "127.0.0.1", port: 0, on: loop, distributingTo: group
            ) { connection in
                XCTAssertTrue(connection.eventLoop.inEventLoop)
                acceptedOn.withLock { $0.append(ObjectIdentifier(connection.eventLoop)) }
                connection.startReading(onRead: { bytes in connection.write(Array(bytes)) }, onClose: { _ in })
            }
            var clients: [TCPConnection] = []
            for index in 0..<4 {
                let client = try await TCPConnection.connect(host: "127.0.0.1", port: listener.port, on: loop)
                let received = ReceivedBytes()
                received.attach(to: client)
                client.write([UInt8(index)])
                let echoed = try await received.wait(forCount: 1)
                XCTAssertEqual(echoed, [UInt8(index)])
                clients.append(client)
            }
            XCTAssertEqual(Set(acceptedOn.current), Set(group.loops.map(ObjectIdentifier.init)))
            clients.forEach { $0.close() }
            listener.close()
        }
        try await withTimeout { try await group.shutdown() }
    }

    func testClosedListenerRefusesConnections() async throws {
        try await withEventLoop { loop in
            let listener = try await startEchoServer(on: loop)
            listener.close()
            try await loop.submit {}
            do {
                _ = try await TCPConnection.connect(host: "127.0.0.1", port: listener.port, on: loop)
                XCTFail("nobody listens any more")
            } catch let error as UVError {
                XCTAssertEqual(error.code, .connectionRefused)
            }
        }
    }
}
