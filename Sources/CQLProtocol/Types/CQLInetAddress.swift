/// An IPv4 or IPv6 address as carried by the `inet` CQL type and the `[inetaddr]` primitive.
public struct CQLInetAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address bytes: 4 for IPv4, 16 for IPv6.
    public let bytes: [UInt8]

    /// Creates an address from its 4 or 16 bytes.
    /// - Throws: ``CQLProtocolError`` with ``CQLProtocolError/Code/invalidValue`` for any other length.
    public init(bytes: [UInt8]) throws(CQLProtocolError) {
        guard bytes.count == 4 || bytes.count == 16 else {
            throw CQLProtocolError(.invalidValue, "inet address must be 4 or 16 bytes, got \(bytes.count)", payload: bytes)
        }
        self.bytes = bytes
    }

    /// Parses dotted IPv4 (`127.0.0.1`) or RFC 4291 IPv6 text (`::1`, `fe80::1`, `::ffff:1.2.3.4`).
    /// Returns `nil` for anything else.
    public init?(_ text: String) {
        if let v4 = Self.parseIPv4(Substring(text)) {
            bytes = v4
        } else if let v6 = Self.parseIPv6(text) {
            bytes = v6
        } else {
            return nil
        }
    }

    /// Whether this is an IPv4 address.
    public var isIPv4: Bool { bytes.count == 4 }

    /// The conventional text form: dotted quad, or compressed lowercase IPv6.
    public var description: String {
        // A closure, not `String.init`: an unapplied `String.init` picks the module's `init(format2:)`
        // (two hex digits), since unapplied references ignore argument labels.
        if isIPv4 { return bytes.map { String($0) }.joined(separator: ".") }
        var groups: [UInt16] = []
        for index in stride(from: 0, to: 16, by: 2) {
            groups.append(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
        }
        // Longest run of zero groups (length >= 2) is compressed to "::".
        var bestStart = -1, bestLength = 0, runStart = -1
        for index in 0...8 {
            if index < 8 && groups[index] == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                if index - runStart > bestLength { bestStart = runStart; bestLength = index - runStart }
                runStart = -1
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestLength >= 2 else { return hex.joined(separator: ":") }
        let head = hex[0..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }

    private static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var result: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let value = UInt8(part) else { return nil }
            result.append(value)
        }
        return result
    }

    private static func parseIPv6(_ text: String) -> [UInt8]? {
        guard text.contains(":") else { return nil }
        var groupsText = text
        var trailingV4: [UInt8] = []
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard let v4 = parseIPv4(text[text.index(after: lastColon)...]) else { return nil }
            trailingV4 = v4
            groupsText = String(text[...lastColon]) + "0:0"
        }
        let halves = groupsText.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var values: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard !group.isEmpty, group.count <= 4, let value = UInt16(group, radix: 16) else { return nil }
                values.append(value)
            }
            return values
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        var result = all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        if !trailingV4.isEmpty { result.replaceSubrange(12..<16, with: trailingV4) }
        return result
    }
}

/// An `[inet]` primitive: an address and a port (native_protocol_v4.spec §3).
public struct CQLInetEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The IP address.
    public var address: CQLInetAddress
    /// The port.
    public var port: Int32

    /// Creates an endpoint.
    public init(address: CQLInetAddress, port: Int32) {
        self.address = address
        self.port = port
    }

    /// `address:port`, with IPv6 addresses in brackets.
    public var description: String {
        address.isIPv4 ? "\(address):\(port)" : "[\(address)]:\(port)"
    }
}
