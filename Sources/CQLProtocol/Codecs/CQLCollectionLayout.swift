// The byte layout of composite values, shared by ``CQLValue`` and the generic
// ``CQLEncodable``/``CQLDecodable`` conformances (native_protocol_v4.spec §6.6, §6.7,
// §6.8, §6.15, §6.20, and Cassandra 5's VectorType serializer).
enum CQLCollectionLayout {
    /// Splits a list or set body: an `[int]` count, then that many non-NULL `[bytes]`.
    static func elements(_ bytes: ArraySlice<UInt8>, _ what: String) throws(CQLProtocolError) -> [ArraySlice<UInt8>] {
        var buffer = CQLBuffer(bytes: bytes)
        let count = try count(&buffer, minimumElementSize: 4, what)
        var elements: [ArraySlice<UInt8>] = []
        elements.reserveCapacity(count)
        for _ in 0..<count { elements.append(try element(&buffer, what)) }
        try buffer.requireFullyConsumed(what)
        return elements
    }

    /// Splits a map body: an `[int]` count, then that many non-NULL key and value `[bytes]`.
    static func entries(_ bytes: ArraySlice<UInt8>) throws(CQLProtocolError) -> [(key: ArraySlice<UInt8>, value: ArraySlice<UInt8>)] {
        var buffer = CQLBuffer(bytes: bytes)
        let count = try count(&buffer, minimumElementSize: 8, "map")
        var entries: [(key: ArraySlice<UInt8>, value: ArraySlice<UInt8>)] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let key = try element(&buffer, "map")
            entries.append((key, try element(&buffer, "map")))
        }
        try buffer.requireFullyConsumed("map")
        return entries
    }

    /// Splits a UDT or tuple body: concatenated `[bytes]` (each possibly NULL), at most
    /// `count` of them; missing trailing fields are NULL.
    static func fields(_ bytes: ArraySlice<UInt8>, count: Int, _ what: String) throws(CQLProtocolError) -> [ArraySlice<UInt8>?] {
        var buffer = CQLBuffer(bytes: bytes)
        var fields: [ArraySlice<UInt8>?] = []
        fields.reserveCapacity(count)
        for _ in 0..<count {
            guard buffer.readableBytes > 0 else {
                fields.append(nil)
                continue
            }
            fields.append(try buffer.readBytes()?[...])
        }
        try buffer.requireFullyConsumed("\(what) with \(count) fields")
        return fields
    }

    /// Splits a vector body: fixed-size elements are concatenated; variable-size elements
    /// each carry an `[unsigned vint]` length.
    static func vectorElements(_ bytes: ArraySlice<UInt8>, _ type: CQLType, dimension: Int) throws(CQLProtocolError) -> [ArraySlice<UInt8>] {
        let what = "vector<\(type), \(dimension)>"
        if let size = type.fixedValueSize {
            let expected = size.multipliedReportingOverflow(by: dimension)
            guard !expected.overflow, expected.partialValue == bytes.count else {
                throw CQLProtocolError(
                    .invalidValue, "\(what) must be \(size) × \(dimension) bytes, got \(bytes.count)", payload: Array(bytes))
            }
            return (0..<dimension).map { index in
                let start = bytes.startIndex + index * size
                return bytes[start..<start + size]
            }
        }
        guard dimension <= bytes.count else {
            throw CQLProtocolError(.truncated, "\(what) cannot fit in \(bytes.count) bytes", payload: Array(bytes))
        }
        var buffer = CQLBuffer(bytes: bytes)
        var elements: [ArraySlice<UInt8>] = []
        elements.reserveCapacity(dimension)
        for _ in 0..<dimension {
            let start = buffer.readerIndex
            let length = try buffer.readUnsignedVInt()
            guard length <= UInt64(buffer.readableBytes) else {
                throw CQLProtocolError(
                    .truncated, "\(what) element of \(length) bytes runs past the end",
                    offset: start, payload: Array(buffer.readableBytesView))
            }
            elements.append(try buffer.readRawBytes(count: Int(length))[...])
        }
        try buffer.requireFullyConsumed(what)
        return elements
    }

    /// Reads a collection's `[int]` element count, rejecting counts that cannot fit in
    /// the remaining bytes before anything is allocated.
    private static func count(_ buffer: inout CQLBuffer, minimumElementSize: Int, _ what: String) throws(CQLProtocolError) -> Int {
        let start = buffer.readerIndex
        let count = Int(try buffer.readInt())
        guard count >= 0 else {
            throw CQLProtocolError(.invalidValue, "\(what) has negative element count \(count)", offset: start)
        }
        guard count <= buffer.readableBytes / minimumElementSize else {
            throw CQLProtocolError(
                .truncated, "\(what) announces \(count) elements but only \(buffer.readableBytes) bytes follow",
                offset: start, payload: Array(buffer.readableBytesView))
        }
        return count
    }

    private static func element(_ buffer: inout CQLBuffer, _ what: String) throws(CQLProtocolError) -> ArraySlice<UInt8> {
        let start = buffer.readerIndex
        guard let bytes = try buffer.readBytes() else {
            throw CQLProtocolError(.invalidValue, "\(what) elements cannot be NULL", offset: start)
        }
        return bytes[...]
    }
}

extension CQLBuffer {
    /// Writes a collection's `[int]` element count.
    mutating func writeCollectionCount(_ count: Int) throws(CQLProtocolError) {
        guard let count = Int32(exactly: count) else {
            throw CQLProtocolError(.invalidValue, "a collection of \(count) elements exceeds the protocol's 32-bit count")
        }
        writeInt(count)
    }

    /// Writes `[bytes]` whose content `body` appends, patching the length afterwards.
    mutating func writeLengthPrefixed(_ body: (inout CQLBuffer) throws(CQLProtocolError) -> Void) throws(CQLProtocolError) {
        let lengthOffset = writerIndex
        writeInt(0)
        try body(&self)
        guard let length = Int32(exactly: writerIndex - lengthOffset - 4) else {
            throw CQLProtocolError(.invalidValue, "a value of \(writerIndex - lengthOffset - 4) bytes exceeds the 2 GiB [bytes] limit")
        }
        setInteger(length, at: lengthOffset)
    }

    /// Writes a `[bytes]` holding a raw value: its bytes, or length -1 for NULL.
    /// - Throws: ``CQLProtocolError/Code/invalidValue`` for unset, which is only legal for
    ///   bound variables.
    mutating func writeFieldValue(_ raw: CQLRawValue) throws(CQLProtocolError) {
        switch raw {
        case .bytes(let bytes): writeBytes(bytes)
        case .null: writeInt(-1)
        case .unset: throw CQLProtocolError(.invalidValue, "UDT fields and tuple elements cannot be unset; use NULL")
        }
    }

    /// Writes one vector element produced by `body`: bare when `elementType` has a fixed
    /// size (which the element must match), otherwise after an `[unsigned vint]` length.
    mutating func writeVectorElement(
        _ elementType: CQLType, _ body: (inout CQLBuffer) throws(CQLProtocolError) -> Void
    ) throws(CQLProtocolError) {
        var element = CQLBuffer()
        try body(&element)
        if let size = elementType.fixedValueSize {
            guard element.readableBytes == size else {
                throw CQLProtocolError(.invalidValue, "vector elements of type \(elementType) must be \(size) bytes, got \(element.readableBytes)")
            }
        } else {
            writeUnsignedVInt(UInt64(element.readableBytes))
        }
        writeBuffer(element)
    }
}
