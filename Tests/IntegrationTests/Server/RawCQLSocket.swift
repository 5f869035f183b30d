#if canImport(Glibc)
import Glibc
#endif
import CQLProtocol
import XCTest

/// A blocking loopback TCP client that sends raw bytes, for feeding the server frames no
/// driver would send. Reads time out after `timeout` seconds so a test can never hang.
final class RawCQLSocket {
    private let descriptor: Int32
    /// Bytes received but not yet returned by ``readFrame()``.
    private var pending = CQLBuffer()

    init(host: String = "127.0.0.1", port: Int, timeout: Int = 5) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw XCTSkip("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr(host)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        XCTAssertEqual(connected, 0, "connect to \(host):\(port)")
        var interval = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Half-closes the connection: the server sees end of input and closes its side.
    func finishSending() {
        shutdown(descriptor, Int32(SHUT_WR))
    }

    /// Everything the server sends until it closes the connection or the read times out.
    func readUntilClosed() -> (bytes: [UInt8], closed: Bool) {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { return (result, true) }
            if count < 0 { return (result, false) }
            result += chunk[0..<count]
        }
    }

    /// Encodes and sends one request on `stream`.
    func send(_ request: RequestMessage, stream: Int16 = 0) throws {
        var buffer = CQLBuffer()
        try FrameEncoder().encode(request, stream: stream, into: &buffer)
        send(buffer.bytes)
    }

    /// The next frame the server sends, or `nil` when it closes the connection or the read
    /// times out first.
    func readFrame() throws -> Frame? {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let frame = try FrameDecoder().decode(from: &pending) { return frame }
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return nil }
            pending.writeRawBytes(chunk[0..<count])
        }
    }
}
