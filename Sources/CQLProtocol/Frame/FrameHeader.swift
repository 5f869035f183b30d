/// The 9-byte header of a protocol v3+ frame (native_protocol_v4.spec §2).
public struct FrameHeader: Sendable, Hashable {
    /// The size of an encoded header in bytes.
    public static let size = 9

    /// The protocol version, without the direction bit.
    public var version: UInt8
    /// Whether the frame travels from server to client (direction bit 0x80 set).
    public var isResponse: Bool
    /// The header flags.
    public var flags: FrameFlags
    /// The stream id; negative ids are reserved for server-initiated EVENTs.
    public var stream: Int16
    /// The message kind.
    public var opcode: Opcode
    /// The body length in bytes as it appears on the wire (compressed length when compressed).
    public var length: Int32

    /// Creates a header.
    public init(version: UInt8 = 4, isResponse: Bool, flags: FrameFlags = [], stream: Int16, opcode: Opcode, length: Int32 = 0) {
        self.version = version
        self.isResponse = isResponse
        self.flags = flags
        self.stream = stream
        self.opcode = opcode
        self.length = length
    }

    /// Writes the header.
    public func encode(into buffer: inout CQLBuffer) {
        buffer.writeByte(version | (isResponse ? 0x80 : 0))
        buffer.writeByte(flags.rawValue)
        buffer.writeInteger(stream)
        buffer.writeByte(opcode.rawValue)
        buffer.writeInt(length)
    }

    /// Reads a header. Does not check the version or length; ``FrameDecoder`` does.
    /// - Throws: ``CQLProtocolError`` when fewer than 9 bytes are readable or the opcode is unknown.
    public static func decode(from buffer: inout CQLBuffer) throws(CQLProtocolError) -> FrameHeader {
        let start = buffer.readerIndex
        try buffer.requireReadable(size, "frame header")
        let versionByte = try buffer.readByte()
        let flags = FrameFlags(rawValue: try buffer.readByte())
        let stream = try buffer.readInteger(as: Int16.self)
        let opcodeByte = try buffer.readByte()
        let length = try buffer.readInt()
        guard let opcode = Opcode(rawValue: opcodeByte) else {
            buffer.readerIndex = start
            throw CQLProtocolError(.unknownOpcode, "unknown opcode 0x\(String(opcodeByte, radix: 16))",
                                   opcode: opcodeByte, offset: start, payload: Array(buffer.readableBytesView.prefix(size)))
        }
        return FrameHeader(version: versionByte & 0x7F, isResponse: versionByte & 0x80 != 0,
                           flags: flags, stream: stream, opcode: opcode, length: length)
    }
}
