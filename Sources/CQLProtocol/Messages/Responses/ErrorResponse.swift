// ERROR, native_protocol_v4.spec §4.2.1: `<code><message>` then the code's extra fields (§9).
extension ServerError {
    /// Writes the ERROR body: `[int]` code, `[string]` message, then ``details`` if any
    /// (native_protocol_v4.spec §4.2.1, §9).
    public func encode(into buffer: inout CQLBuffer) {
        buffer.writeInt(code.rawValue)
        buffer.writeString(message)
        guard let details else { return }
        switch details {
        case let .unavailable(consistency, required, alive):
            buffer.writeConsistency(consistency)
            buffer.writeInt(required)
            buffer.writeInt(alive)
        case let .writeTimeout(consistency, received, blockFor, writeType):
            buffer.writeConsistency(consistency)
            buffer.writeInt(received)
            buffer.writeInt(blockFor)
            buffer.writeString(writeType.rawValue)
        case let .readTimeout(consistency, received, blockFor, dataPresent):
            buffer.writeConsistency(consistency)
            buffer.writeInt(received)
            buffer.writeInt(blockFor)
            buffer.writeByte(dataPresent ? 1 : 0)
        case let .readFailure(consistency, received, blockFor, numFailures, dataPresent):
            buffer.writeConsistency(consistency)
            buffer.writeInt(received)
            buffer.writeInt(blockFor)
            buffer.writeInt(numFailures)
            buffer.writeByte(dataPresent ? 1 : 0)
        case let .functionFailure(keyspace, function, argTypes):
            buffer.writeString(keyspace)
            buffer.writeString(function)
            buffer.writeStringList(argTypes)
        case let .writeFailure(consistency, received, blockFor, numFailures, writeType):
            buffer.writeConsistency(consistency)
            buffer.writeInt(received)
            buffer.writeInt(blockFor)
            buffer.writeInt(numFailures)
            buffer.writeString(writeType.rawValue)
        case let .alreadyExists(keyspace, table):
            buffer.writeString(keyspace)
            buffer.writeString(table)
        case let .unprepared(id):
            buffer.writeShortBytes(id)
        }
    }

    /// Reads an ERROR body (native_protocol_v4.spec §4.2.1, §9). Unknown codes decode with
    /// `details == nil`.
    /// - Throws: ``CQLProtocolError`` when the body is truncated or a field is invalid.
    public static func decode(from buffer: inout CQLBuffer) throws(CQLProtocolError) -> ServerError {
        let code = Code(rawValue: try buffer.readInt())
        let message = try buffer.readString()
        let details: Details?
        switch code {
        case .unavailable:
            details = .unavailable(consistency: try buffer.readConsistency(), required: try buffer.readInt(), alive: try buffer.readInt())
        case .writeTimeout:
            details = .writeTimeout(consistency: try buffer.readConsistency(), received: try buffer.readInt(),
                                    blockFor: try buffer.readInt(), writeType: WriteType(rawValue: try buffer.readString()))
        case .readTimeout:
            details = .readTimeout(consistency: try buffer.readConsistency(), received: try buffer.readInt(),
                                   blockFor: try buffer.readInt(), dataPresent: try buffer.readByte() != 0)
        case .readFailure:
            details = .readFailure(consistency: try buffer.readConsistency(), received: try buffer.readInt(),
                                   blockFor: try buffer.readInt(), numFailures: try buffer.readInt(),
                                   dataPresent: try buffer.readByte() != 0)
        case .functionFailure:
            details = .functionFailure(keyspace: try buffer.readString(), function: try buffer.readString(),
                                       argTypes: try buffer.readStringList())
        case .writeFailure:
            details = .writeFailure(consistency: try buffer.readConsistency(), received: try buffer.readInt(),
                                    blockFor: try buffer.readInt(), numFailures: try buffer.readInt(),
                                    writeType: WriteType(rawValue: try buffer.readString()))
        case .alreadyExists:
            details = .alreadyExists(keyspace: try buffer.readString(), table: try buffer.readString())
        case .unprepared:
            details = .unprepared(id: try buffer.readShortBytes())
        default:
            details = nil
        }
        return ServerError(uncheckedCode: code, message: message, details: details)
    }
}
