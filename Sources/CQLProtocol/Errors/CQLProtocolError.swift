/// An error raised while encoding or decoding native-protocol bytes.
///
/// Every decode path in ``CQLProtocol`` throws this type instead of trapping, so a
/// malformed frame from a peer becomes a value the caller can switch on. The error
/// keeps the offending bytes (at most ``CQLProtocolError/maximumPayloadLength``) and,
/// when known, the opcode and the reader offset where decoding stopped.
///
/// `description` is deliberately generic about bound values; use
/// `String(reflecting:)` for the full context.
public struct CQLProtocolError: Error, Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What kind of protocol violation occurred. Extensible: new codes can be added
    /// without breaking callers that switch with a `default` branch.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case truncated
            case invalidValue
            case unsupportedVersion
            case unknownOpcode
            case frameTooLarge
            case trailingBytes
            case compression
            case typeMismatch
            case unexpectedNull
            case invalidType
            case unexpectedMessage
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// Fewer bytes were available than the encoding announced.
        public static let truncated = Code(.truncated)
        /// The bytes were complete but do not form a legal value (bad UTF-8, negative length, …).
        public static let invalidValue = Code(.invalidValue)
        /// The frame's version byte names a protocol version this library does not speak.
        public static let unsupportedVersion = Code(.unsupportedVersion)
        /// The frame's opcode byte is not defined by the protocol (or not valid in this direction).
        public static let unknownOpcode = Code(.unknownOpcode)
        /// A frame announced a body larger than the configured maximum.
        public static let frameTooLarge = Code(.frameTooLarge)
        /// A message body was decoded but bytes were left over.
        public static let trailingBytes = Code(.trailingBytes)
        /// lz4 compression or decompression failed.
        public static let compression = Code(.compression)
        /// A value was decoded as a Swift type that does not match its CQL type.
        public static let typeMismatch = Code(.typeMismatch)
        /// A NULL was decoded into a non-optional Swift type.
        public static let unexpectedNull = Code(.unexpectedNull)
        /// A CQL type description (option id or type string) is not valid.
        public static let invalidType = Code(.invalidType)
        /// A message arrived that is legal on the wire but not in this place.
        public static let unexpectedMessage = Code(.unexpectedMessage)

        /// The code's name.
        public var description: String { base.rawValue }
    }

    /// The largest number of offending bytes kept in ``payload``.
    public static let maximumPayloadLength = 64

    /// The kind of failure.
    public var code: Code
    /// A human-readable explanation that names the fix where there is one.
    public var message: String
    /// The opcode of the frame being decoded, when known.
    public var opcode: UInt8?
    /// The reader offset within the body where decoding stopped, when known; for CQL type
    /// text (``CQLTypeExpression/init(parsing:)``), the offending token's offset in Unicode scalars.
    public var offset: Int?
    /// Up to ``maximumPayloadLength`` bytes of the input that failed to decode.
    public var payload: [UInt8]?

    /// Creates an error.
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - message: What went wrong.
    ///   - opcode: The frame opcode, when known.
    ///   - offset: The reader offset, when known.
    ///   - payload: The offending bytes; truncated to ``maximumPayloadLength``.
    public init(_ code: Code, _ message: String, opcode: UInt8? = nil, offset: Int? = nil, payload: [UInt8]? = nil) {
        self.code = code
        self.message = message
        self.opcode = opcode
        self.offset = offset
        self.payload = payload.map { Array($0.prefix(Self.maximumPayloadLength)) }
    }

    /// A short description: the code and message, without payload bytes.
    public var description: String { "CQLProtocolError(\(code)): \(message)" }

    /// The full context, including offset, opcode and offending bytes in hex.
    public var debugDescription: String {
        var text = description
        if let opcode { text += " opcode=0x\(String(opcode, radix: 16))" }
        if let offset { text += " offset=\(offset)" }
        if let payload { text += " payload=\(payload.map { String(format2: $0) }.joined())" }
        return text
    }
}

extension String {
    /// Two lowercase hex digits for a byte.
    init(format2 byte: UInt8) {
        let digits: [Character] = Array("0123456789abcdef")
        self.init([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
