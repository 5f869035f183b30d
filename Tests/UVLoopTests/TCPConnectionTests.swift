import Foundation
import UVLoop
import XCTest

final class TCPConnectionTests: XCTestCase {
    func testEchoRoundTripOnLoopThread() async throws {
        try await withEventLoop { loop in
            let listener = try await startEchoServer(on: loop)
            let connection = try await TCPConnection.connect(host: "127.0.0.1", port: listener.port, on: loop)
            XCTAssertEqual(connection.host, "127.0.0.1")
            let received = ReceivedBytes()
            received.attach(to: connection)
            let completed = Locked<[UVError?]>([])
            try await loop.submit {
                connection.write(Array("hello ".utf8)) { error in completed.withLock { $0.append(error) } }
                connection.write(contentsOf: [Array("vectored".utf8), [], Array(" world".utf8)]) { error in
                    completed.withLock { $0.append(error) }
                }
            }
            let bytes = try await received.wait(forCount: 20)
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "hello vectored world")
            try await waitUntil { completed.current.count == 2 }
            XCTAssertEqual(completed.current, [nil, nil])
            XCTAssertTrue(received.readOnLoopThread.current)
            connection.close()
            listener.close()
            let reason = try await received.waitForClose()
            XCTAssertEqual(reason, .closedLocally)
        }
    }

    func testLoopWritesAreBatchedUntilTheEndOfTheIteration() async throws {
        try await withEventLoop { loop in
            let listener = try await startEchoServer(on: loop)
            let connection = try await TCPConnection.connect(host: "127.0.0.1", port: listener.port, on: loop)
            let received = ReceivedBytes()
            received.attach(to: connection)
            let completed = Locked(0)
            let observed = try await loop.submit {
                for index in 0..<100 {
                    connection.write([UInt8(index)]) { error in
                        XCTAssertNil(error)
                        completed.withLock { $0 += 1 }
                    }
                }
                return (completed.current, connection.pendingWriteBytes)
            }
            XCTAssertEqual(observed.0, 0, "completions must not run inside write")
            XCTAssertEqual(observed.1, 100, "batched bytes count as pending")
            let echoed = try await received.wait(forCount: 100)
            XCTAssertEqual(echoed, (0..<100).map { UInt8($0) })
            try await waitUntil { completed.current == 100 }
            XCTAssertEqual(connection.pendingWriteBytes, 0)
        }
    }

    func testALargeLoopBatchWithoutCompletionsLeavesBeforeTheEndOfTheIteration() async throws {
        try await withEventLoop { loop in
            let listener = try await startEchoServer(on: loop)
            let connection = try await TCPConnection.connect(host: "127.0.0.1", port: listener.port, on: loop)
            let received = ReceivedBytes()
            received.attach(to: connection)
            let chunk = [UInt8](repeating: 7, count: 100)
            let pendingAfterWrites = try await loop.submit {
                for _ in 0..<100 { connection.write(chunk) }
                return connection.pendingWriteBytes
            }
            XCTAssertLessThan(pendingAfterWrites, 10_000, "a batch past 8 KiB should have been handed to the socket at once")
            let echoed = try await received.wait(forCount: 10_000)
            XCTAssertEqual(echoed, [UInt8](repeating: 7, count: 10_000))
        }
    }

    func testFourMebibytePayloadRoundTrips() async throws {
        try await withEventLoop { loop in
            let listener = try await startEchoServer(on: loop)
            let connection = try await TCPConnection.connect(host: "127.0.0.1", port: listener.port, on: loop)
            let received = ReceivedBytes()
            received.attach(to: connection)
            // A 251-byte ramp (prime length, so it never lines up with read or write chunk sizes)
            // repeated to 4 MiB: reordered or repeated chunks would show.
            let ramp = (0..<251).map { UInt8($0) }
            var payload: [UInt8] = []
            payload.reserveCapacity(4 * 1024 * 1024)
            while payload.count + ramp.count <= 4 * 1024 * 1024 { payload.append(contentsOf: ramp) }
            payload.append(contentsOf: ramp[0..<(4 * 1024 * 1024 - payload.count)])
            let written = Locked<UVError??>(nil)
            connection.write(payload) { error in written.withLock { $0 = .some(error) } }
            let echoed = try await received.wait(forCount: payload.count)
            XCTAssertEqual(echoed.count, payload.count)
            let identical = echoed.withUnsafeBytes { lhs in
                payload.withUnsafeBytes { rhs in memcmp(lhs.baseAddress!, rhs.baseAddress!, rhs.count) == 0 }
            }
            XCTAssertTrue(identical, "echoed bytes differ from the payload")
            try await waitUntil { written.current != nil }
            XCTAssertEqual(written.current, .some(nil))
            XCTAssertEqual(connection.pendingWriteBytes, 0)
        }
    }

    func testManySmallWritesFromManyThreadsKeepPerThreadOrder() async throws {
        try await withEventLoop { loop in
            let listener = try await startEchoServer(on: loop)
            let connection = try await TCPConnection.connect(host: "127.0.0.1", port: listener.port, on: loop)
            let received = ReceivedBytes()
            received.attach(to: connection)
            let writers = 4
            let messagesPerWriter = 5000
            let completions = Locked(0)
            // Record: writer id (UInt32 LE) + sequence number (UInt32 LE).
            @Sendable func record(_ writer: Int, _ sequence: Int) -> [UInt8] {
                withUnsafeBytes(of: (UInt32(writer).littleEndian, UInt32(sequence).littleEndian)) { Array($0) }
            }
            let threads = (0..<writers).map { writer in
                Thread {
                    for sequence in 0..<messagesPerWriter {
                        connection.write(record(writer, sequence)) { error in
                            XCTAssertNil(error)
                            completions.withLock { $0 += 1 }
                        }
                    }
                }
            }
            threads.forEach { $0.start() }
            // One more writer on the loop thread itself, interleaving with the queued ones.
            loop.execute {
                for sequence in 0..<messagesPerWriter {
                    connection.write(record(writers, sequence))
                }
            }
            let total = (writers + 1) * messagesPerWriter * 8
            let bytes = try await received.wait(forCount: total)
            XCTAssertEqual(bytes.count, total)
            var next = [Int](repeating: 0, count: writers + 1)
            for offset in stride(from: 0, to: bytes.count, by: 8) {
                let writer = Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
                let sequence = bytes[(offset + 4)..<(offset + 8)].reversed().reduce(0) { $0 << 8 | Int($1) }
                XCTAssertEqual(sequence, next[writer], "writer \(writer) out of order")
                next[writer] = sequence + 1
            }
            XCTAssertEqual(next, [Int](repeating: messagesPerWriter, count: writers + 1))
            try await waitUntil { completions.current == writers * messagesPerWriter }
            XCTAssertEqual(connection.pendingWriteBytes, 0)
        }
    }

    func testConnectToClosedPortFailsWithConnectionRefused() async throws {
        try await withEventLoop { loop in
            let listener = try await startEchoServer(on: loop)
            let port = listener.port
            listener.close()
            try await loop.submit {}
            do {
                _ = try await TCPConnection.connect(host: "127.0.0.1", port: port, on: loop, timeout: .seconds(2))
                XCTFail("connect must fail")
            } catch let error as UVError {
                XCTAssertEqual(error.code, .connectionRefused)
                XCTAssertEqual(error.operation, "connect")
                XCTAssertEqual(error.host, "127.0.0.1")
                XCTAssertEqual(error.port, port)
            }
        }
    }

    func testConnectTimesOut() async throws {
        // A listener with a full accept queue that never accepts: the kernel drops further
        // SYNs, so a connect to it neither completes nor fails until its timeout.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        XCTAssertGreaterThanOrEqual(listener, 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw -> Bool in
                bind(listener, raw, length) == 0 && listen(listener, 0) == 0 && getsockname(listener, raw, &length) == 0
            }
        }
        XCTAssertTrue(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        try await withEventLoop { loop in
            // Fill the queue (backlog 0 admits one connection on Linux; more to be safe).
            var fillers: [TCPConnection] = []
            for _ in 0..<4 {
                guard let filler = try? await TCPConnection.connect(host: "127.0.0.1", port: port, on: loop,
                                                                    timeout: .milliseconds(300)) else { break }
                fillers.append(filler)
            }
            XCTAssertFalse(fillers.isEmpty, "no connection reached the listener")
            let started = ContinuousClock.now
            do {
                _ = try await TCPConnection.connect(host: "127.0.0.1", port: port, on: loop, timeout: .milliseconds(300))
                XCTFail("connect must time out")
            } catch let error as UVError {
                XCTAssertEqual(error.code, .timedOut)
            }
            XCTAssertGreaterThanOrEqual(ContinuousClock.now - started, .milliseconds(250))
            for filler in fillers { filler.close() }
        }
    }

    #if os(Linux)
    func testConnectToListenerThatNeverAcceptsTimesOut() async throws {
        let server = try BlockedListener()
        defer { server.close() }
        try await withEventLoop { loop in
            // The kernel completes handshakes until the accept queue is full, then drops SYNs.
            var connections: [TCPConnection] = []
            var timedOut = false
            for _ in 0..<16 where !timedOut {
                do {
                    let start = ContinuousClock.now
                    connections.append(try await TCPConnection.connect(
                        host: "127.0.0.1", port: server.port, on: loop, timeout: .milliseconds(200)
                    ))
                    XCTAssertLessThan(ContinuousClock.now - start, .milliseconds(200))
                } catch let error as UVError {
                    XCTAssertEqual(error.code, .timedOut)
                    timedOut = true
                }
            }
            XCTAssertTrue(timedOut, "the accept queue never filled up")
            connections.forEach { $0.close() }
        }
    }
    #endif

    func testConnectByHostName() async throws {
        try await withEventLoop { loop in
            let listener = try await startEchoServer(on: loop)
            let connection = try await TCPConnection.connect(host: "localhost", port: listener.port, on: loop)
            let received = ReceivedBytes()
            received.attach(to: connection)
            connection.write([7, 8, 9])
            let echoed = try await received.wait(forCount: 3)
            XCTAssertEqual(echoed, [7, 8, 9])
            connection.close()
        }
    }

    func testUnknownHostFails() async throws {
        try await withEventLoop { loop in
            do {
                _ = try await TCPConnection.connect(host: "no-such-host.invalid", port: 1, on: loop, timeout: .seconds(3))
                XCTFail("resolving must fail")
            } catch let error as UVError {
                // A machine whose resolver is unreachable times out instead of answering.
                XCTAssertTrue(error.operation == "resolve" || error.code == .timedOut, "\(error)")
            }
        }
    }

    func testPeerCloseIsReportedOnBothSides() async throws {
        try await withEventLoop { loop in
            let serverSide = ReceivedBytes()
            let listener = try await TCPListener.bind(host: "127.0.0.1", port: 0, on: loop) { connection in
                serverSide.attach(to: connection)
                connection.write([42]) { _ in connection.close() }
            }
            let connection = try await TCPConnection.connect(host: "127.0.0.1", port: listener.port, on: loop)
            let clientSide = ReceivedBytes()
            clientSide.attach(to: connection)
            let received = try await clientSide.wait(forCount: 1)
            XCTAssertEqual(received, [42])
            let clientReason = try await clientSide.waitForClose()
            XCTAssertEqual(clientReason, .peerClosed)
            let serverReason = try await serverSide.waitForClose()
            XCTAssertEqual(serverReason, .closedLocally)
            let isOpen = try await loop.submit { connection.isOpen }
            XCTAssertFalse(isOpen)
        }
    }

    func testWritesAfterCloseFailWithCancelledAndCloseIsIdempotent() async throws {
        try await withEventLoop { loop in
            let listener = try await startEchoServer(on: loop)
            let connection = try await TCPConnection.connect(host: "127.0.0.1", port: listener.port, on: loop)
            let received = ReceivedBytes()
            received.attach(to: connection)
            connection.close()
            connection.close()
            let reason = try await received.waitForClose()
            XCTAssertEqual(reason, .closedLocally)
            connection.close()
            let errors = Locked<[UVError?]>([])
            connection.write([1]) { error in errors.withLock { $0.append(error) } }
            try await loop.submit {
                connection.write([2]) { error in errors.withLock { $0.append(error) } }
            }
            try await waitUntil { errors.current.count == 2 }
            XCTAssertEqual(errors.current.map { $0?.code }, [.cancelled, .cancelled])
            // A handler set after the close still learns how the connection ended.
            let late = ReceivedBytes()
            late.attach(to: connection)
            let lateReason = try await late.waitForClose()
            XCTAssertEqual(lateReason, .closedLocally)
        }
    }

    func testConnectOnStoppedLoopFailsWithCancelled() async throws {
        let loop = EventLoop()
        try await loop.shutdown()
        do {
            _ = try await TCPConnection.connect(host: "127.0.0.1", port: 9, on: loop)
            XCTFail("connect must fail")
        } catch let error as UVError {
            XCTAssertEqual(error.code, .cancelled)
        }
    }
}

#if os(Linux)
/// A POSIX listening socket that never accepts, with the smallest backlog.
private final class BlockedListener: Sendable {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && listen(descriptor, 0) == 0
                    && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else {
            _ = Glibc.close(descriptor)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() {
        _ = Glibc.close(descriptor)
    }
}
#endif
