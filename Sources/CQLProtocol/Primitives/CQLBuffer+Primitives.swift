#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// The notations of native_protocol_v4.spec §3, one read and one write per notation.
extension CQLBuffer {
    // MARK: [byte] [short] [int] [long]

    /// Reads a `[byte]`.
    public mutating func readByte() throws(CQLProtocolError) -> UInt8 { try readInteger(as: UInt8.self) }
    /// Reads a `[short]` (unsigned 16-bit).
    public mutating func readShort() throws(CQLProtocolError) -> UInt16 { try readInteger(as: UInt16.self) }
    /// Reads an `[int]` (signed 32-bit).
    public mutating func readInt() throws(CQLProtocolError) -> Int32 { try readInteger(as: Int32.self) }
    /// Reads a `[long]` (signed 64-bit).
    public mutating func readLong() throws(CQLProtocolError) -> Int64 { try readInteger(as: Int64.self) }

    /// Writes a `[byte]`.
    public mutating func writeByte(_ value: UInt8) { writeInteger(value) }
    /// Writes a `[short]`.
    public mutating func writeShort(_ value: UInt16) { writeInteger(value) }
    /// Writes an `[int]`.
    public mutating func writeInt(_ value: Int32) { writeInteger(value) }
    /// Writes a `[long]`.
    public mutating func writeLong(_ value: Int64) { writeInteger(value) }

    // MARK: [string] [long string]

    /// Reads a `[string]`: a `[short]` length then UTF-8 bytes.
    public mutating func readString() throws(CQLProtocolError) -> String {
        let length = Int(try readShort())
        return try readUTF8(count: length, "[string]")
    }

    /// Reads a `[long string]`: an `[int]` length then UTF-8 bytes.
    public mutating func readLongString() throws(CQLProtocolError) -> String {
        let length = Int(try readInt())
        return try readUTF8(count: length, "[long string]")
    }

    /// Writes a `[string]`.
    /// - Precondition: the UTF-8 form fits in 65535 bytes (callers validate user input first).
    public mutating func writeString(_ value: String) {
        let utf8 = value.utf8
        precondition(utf8.count <= Int(UInt16.max), "[string] longer than 65535 bytes")
        writeShort(UInt16(utf8.count))
        writeRawBytes(utf8)
    }

    /// Writes a `[long string]`.
    public mutating func writeLongString(_ value: String) {
        let utf8 = value.utf8
        writeInt(Int32(utf8.count))
        writeRawBytes(utf8)
    }

    /// Reads `count` bytes as UTF-8 text.
    public mutating func readUTF8(count: Int, _ what: String) throws(CQLProtocolError) -> String {
        try requireReadable(count, what)
        let start = readerIndex
        let slice = bytes[start..<start + count]
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw CQLProtocolError(.invalidValue, "\(what) is not valid UTF-8", offset: start, payload: Array(slice))
        }
        readerIndex += count
        return text
    }

    // MARK: [uuid]

    /// Reads a 16-byte `[uuid]`.
    public mutating func readUUID() throws(CQLProtocolError) -> UUID {
        try requireReadable(16, "[uuid]")
        let b = bytes, s = readerIndex
        readerIndex += 16
        return UUID(uuid: (b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7],
                           b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15]))
    }

    /// Writes a 16-byte `[uuid]`.
    public mutating func writeUUID(_ value: UUID) {
        withUnsafeBytes(of: value.uuid) { writeRawBytes($0) }
    }

    // MARK: [string list] [string map] [string multimap] [bytes map]

    /// Reads a `[string list]`.
    public mutating func readStringList() throws(CQLProtocolError) -> [String] {
        let count = Int(try readShort())
        var result: [String] = []
        result.reserveCapacity(min(count, readableBytes / 2))
        for _ in 0..<count { result.append(try readString()) }
        return result
    }

    /// Writes a `[string list]`.
    public mutating func writeStringList(_ values: [String]) {
        writeShort(UInt16(values.count))
        for value in values { writeString(value) }
    }

    /// Reads a `[string map]`. Later duplicates overwrite earlier keys.
    public mutating func readStringMap() throws(CQLProtocolError) -> [String: String] {
        let count = Int(try readShort())
        var result: [String: String] = [:]
        for _ in 0..<count {
            let key = try readString()
            result[key] = try readString()
        }
        return result
    }

    /// Writes a `[string map]` with keys in sorted order (deterministic bytes).
    public mutating func writeStringMap(_ values: [String: String]) {
        writeShort(UInt16(values.count))
        for key in values.keys.sorted() {
            writeString(key)
            writeString(values[key]!)
        }
    }

    /// Reads a `[string multimap]`.
    public mutating func readStringMultimap() throws(CQLProtocolError) -> [String: [String]] {
        let count = Int(try readShort())
        var result: [String: [String]] = [:]
        for _ in 0..<count {
            let key = try readString()
            result[key] = try readStringList()
        }
        return result
    }

    /// Writes a `[string multimap]` with keys in sorted order.
    public mutating func writeStringMultimap(_ values: [String: [String]]) {
        writeShort(UInt16(values.count))
        for key in values.keys.sorted() {
            writeString(key)
            writeStringList(values[key]!)
        }
    }

    /// Reads a `[bytes map]` (custom payloads). NULL values are kept as empty arrays.
    public mutating func readBytesMap() throws(CQLProtocolError) -> [String: [UInt8]] {
        let count = Int(try readShort())
        var result: [String: [UInt8]] = [:]
        for _ in 0..<count {
            let key = try readString()
            result[key] = try readBytes() ?? []
        }
        return result
    }

    /// Writes a `[bytes map]` with keys in sorted order.
    public mutating func writeBytesMap(_ values: [String: [UInt8]]) {
        writeShort(UInt16(values.count))
        for key in values.keys.sorted() {
            writeString(key)
            writeBytes(values[key]!)
        }
    }

    // MARK: [bytes] [short bytes] [value]

    /// Reads `[bytes]`: an `[int]` length then bytes; a negative length is NULL (`nil`).
    public mutating func readBytes() throws(CQLProtocolError) -> [UInt8]? {
        let length = try readInt()
        if length < 0 { return nil }
        return try readRawBytes(count: Int(length))
    }

    /// Writes `[bytes]`; `nil` writes NULL (length -1).
    public mutating func writeBytes(_ value: [UInt8]?) {
        guard let value else { writeInt(-1); return }
        writeInt(Int32(value.count))
        writeRawBytes(value)
    }

    /// Reads `[short bytes]`.
    public mutating func readShortBytes() throws(CQLProtocolError) -> [UInt8] {
        let length = Int(try readShort())
        return try readRawBytes(count: length)
    }

    /// Writes `[short bytes]`.
    public mutating func writeShortBytes(_ value: [UInt8]) {
        writeShort(UInt16(value.count))
        writeRawBytes(value)
    }

    /// Reads a `[value]`: length -1 is NULL, -2 is unset, other negatives are invalid.
    public mutating func readValue() throws(CQLProtocolError) -> CQLRawValue {
        let start = readerIndex
        let length = try readInt()
        switch length {
        case -1: return .null
        case -2: return .unset
        case ..<(-2):
            readerIndex = start
            throw CQLProtocolError(.invalidValue, "[value] length \(length) is neither -1 (null) nor -2 (unset)", offset: start)
        default:
            do {
                return .bytes(try readRawBytes(count: Int(length)))
            } catch {
                readerIndex = start
                throw error
            }
        }
    }

    /// Writes a `[value]`.
    public mutating func writeValue(_ value: CQLRawValue) {
        switch value {
        case .bytes(let bytes):
            writeInt(Int32(bytes.count))
            writeRawBytes(bytes)
        case .null: writeInt(-1)
        case .unset: writeInt(-2)
        }
    }

    // MARK: [inet] [inetaddr] [consistency]

    /// Reads an `[inetaddr]`: one size byte (4 or 16) then the address.
    public mutating func readInetAddress() throws(CQLProtocolError) -> CQLInetAddress {
        let size = Int(try readByte())
        return try CQLInetAddress(bytes: try readRawBytes(count: size))
    }

    /// Writes an `[inetaddr]`.
    public mutating func writeInetAddress(_ address: CQLInetAddress) {
        writeByte(UInt8(address.bytes.count))
        writeRawBytes(address.bytes)
    }

    /// Reads an `[inet]`: an `[inetaddr]` then an `[int]` port.
    public mutating func readInet() throws(CQLProtocolError) -> CQLInetEndpoint {
        let address = try readInetAddress()
        return CQLInetEndpoint(address: address, port: try readInt())
    }

    /// Writes an `[inet]`.
    public mutating func writeInet(_ endpoint: CQLInetEndpoint) {
        writeInetAddress(endpoint.address)
        writeInt(endpoint.port)
    }

    /// Reads a `[consistency]`.
    public mutating func readConsistency() throws(CQLProtocolError) -> Consistency {
        let start = readerIndex
        let raw = try readShort()
        guard let consistency = Consistency(rawValue: raw) else {
            throw CQLProtocolError(.invalidValue, "unknown consistency 0x\(String(raw, radix: 16))", offset: start)
        }
        return consistency
    }

    /// Writes a `[consistency]`.
    public mutating func writeConsistency(_ value: Consistency) { writeShort(value.rawValue) }

    // MARK: [unsigned vint] [vint]

    /// Reads an `[unsigned vint]`: the count of leading one bits in the first byte is the
    /// number of extra bytes (native_protocol_v4.spec §3, used by `duration`).
    public mutating func readUnsignedVInt() throws(CQLProtocolError) -> UInt64 {
        let first = try readByte()
        let extra = (~first).leadingZeroBitCount
        guard extra <= 8 else { throw CQLProtocolError(.invalidValue, "vint with more than 8 extra bytes", offset: readerIndex - 1) }
        var value = extra == 8 ? 0 : UInt64(first & (0xFF >> UInt8(extra)))
        for _ in 0..<extra { value = value << 8 | UInt64(try readByte()) }
        return value
    }

    /// Writes an `[unsigned vint]` in the shortest form.
    public mutating func writeUnsignedVInt(_ value: UInt64) {
        let magnitudeBits = 64 - value.leadingZeroBitCount
        // Each extra byte adds 8 value bits and costs one marker bit in the first byte.
        // With n extra bytes (n < 8) the encoding holds 7 + 7n value bits; with 8 it holds all 64.
        var extra = 0
        while extra < 8 && magnitudeBits > 7 + 7 * extra { extra += 1 }
        if extra == 8 {
            writeByte(0xFF)
            writeInteger(value)
            return
        }
        let firstMarker: UInt8 = extra == 0 ? 0 : ~(0xFF >> UInt8(extra))
        let firstValue = UInt8(truncatingIfNeeded: value >> (8 * UInt64(extra)))
        writeByte(firstMarker | firstValue)
        for index in stride(from: extra - 1, through: 0, by: -1) {
            writeByte(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))))
        }
    }

    /// Reads a `[vint]` (zig-zag encoded signed value).
    public mutating func readVInt() throws(CQLProtocolError) -> Int64 {
        let raw = try readUnsignedVInt()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// Writes a `[vint]`.
    public mutating func writeVInt(_ value: Int64) {
        writeUnsignedVInt(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }
}
