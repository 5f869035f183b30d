/// Why a request failed, in the terms of native_protocol_v4.spec §9, before it is turned
/// into an ERROR response.
///
/// Messages follow Cassandra's own wording where drivers or users match on it.
struct ExecutionError: Error, Sendable, Hashable {
    /// The error class.
    enum Kind: Sendable, Hashable {
        /// 0x2000 Syntax_error.
        case syntax
        /// 0x2200 Invalid.
        case invalid
        /// 0x2300 Config_error.
        case configuration
        /// 0x2400 Already_exists, with the keyspace and table ("" for a keyspace).
        case alreadyExists(keyspace: String, table: String)
        /// 0x2500 Unprepared, with the unknown statement id.
        case unprepared(id: [UInt8])
        /// 0x2100 Unauthorized.
        case unauthorized
        /// 0x0100 Authentication error.
        case authentication
        /// 0x000A Protocol error.
        case protocolViolation
        /// 0x0000 Server error.
        case server
    }

    /// The error class.
    var kind: Kind
    /// The message sent to the client.
    var message: String

    static func invalid(_ message: String) -> ExecutionError { ExecutionError(kind: .invalid, message: message) }
    static func syntax(_ message: String) -> ExecutionError { ExecutionError(kind: .syntax, message: message) }
    static func configuration(_ message: String) -> ExecutionError { ExecutionError(kind: .configuration, message: message) }
}

extension Array where Element == UInt8 {
    /// Lowercase hex digits, two per byte.
    var hexString: String {
        let digits: [Character] = Swift.Array("0123456789abcdef")
        var text = ""
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }
}
