import CLibUV

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// IPv4/IPv6 socket addresses as `sockaddr_storage`, parsed and read through libuv.
enum SocketAddress {
    /// Parses an IPv4 or IPv6 literal such as `127.0.0.1` or `::1`.
    /// - Returns: the address, or `nil` if `host` is not an IP literal (it may be a name).
    static func literal(host: String, port: Int) -> sockaddr_storage? {
        guard (0...65535).contains(port) else { return nil }
        var storage = sockaddr_storage()
        let parsed = withUnsafeMutablePointer(to: &storage) { storage in
            let isIPv4 = storage.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                uv_ip4_addr(host, Int32(port), $0) == 0
            }
            if isIPv4 { return true }
            return storage.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                uv_ip6_addr(host, Int32(port), $0) == 0
            }
        }
        return parsed ? storage : nil
    }

    /// Copies an address from `getaddrinfo` output; `nil` unless it is IPv4 or IPv6.
    static func copy(_ info: addrinfo) -> sockaddr_storage? {
        guard let address = info.ai_addr,
              info.ai_family == AF_INET || info.ai_family == AF_INET6,
              Int(info.ai_addrlen) <= MemoryLayout<sockaddr_storage>.size
        else { return nil }
        var storage = sockaddr_storage()
        withUnsafeMutableBytes(of: &storage) { target in
            target.copyMemory(from: UnsafeRawBufferPointer(start: address, count: Int(info.ai_addrlen)))
        }
        return storage
    }

    /// Runs `body` with `storage` viewed as the generic `sockaddr` that libuv calls take.
    static func withSockaddr<T>(_ storage: sockaddr_storage, _ body: (UnsafePointer<sockaddr>) -> T) -> T {
        withUnsafePointer(to: storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1, body)
        }
    }

    /// The port of an IPv4/IPv6 address, in host byte order.
    static func port(of storage: sockaddr_storage) -> Int? {
        withUnsafePointer(to: storage) { pointer in
            switch Int32(storage.ss_family) {
            case AF_INET:
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin_port))
                }
            case AF_INET6:
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin6_port))
                }
            default:
                nil
            }
        }
    }

    /// The locally bound port of a TCP handle (`uv_tcp_getsockname`).
    static func localPort(of handle: UnsafeMutablePointer<uv_tcp_t>) -> Int? {
        var storage = sockaddr_storage()
        var length = Int32(MemoryLayout<sockaddr_storage>.size)
        let rc = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                uv_tcp_getsockname(handle, $0, &length)
            }
        }
        return rc == 0 ? port(of: storage) : nil
    }
}
