extension RequestMessage {
    /// Positional bound values already in wire form: `[value]`s written one after the other as
    /// they are bound (native_protocol_v4.spec §4.1.4, the `<value_i>` of `<query_parameters>`).
    ///
    /// All values share one buffer, so binding costs one allocation however many values there
    /// are, and encoding the request copies them in one go.
    ///
    /// ```swift
    /// var values = RequestMessage.SerializedValues()
    /// try values.append(Int32(7), as: .int)
    /// try values.append(String?.none, as: .text)   // NULL
    /// let parameters = RequestMessage.QueryParameters(consistency: .one, values: .serialized(values))
    /// ```
    public struct SerializedValues: Sendable, Hashable {
        /// The `[value]`s, without the `<n>` count in front.
        public private(set) var buffer: CQLBuffer
        /// The number of values.
        public private(set) var count = 0

        /// Creates an empty list.
        /// - Parameter capacity: bytes to reserve.
        public init(capacity: Int = 0) {
            buffer = CQLBuffer(capacity: capacity)
        }

        /// Creates a list from raw values.
        /// - Parameter values: the values, in marker order.
        public init(_ values: [CQLRawValue]) {
            self.init(capacity: values.reduce(0) { $0 + 4 + ($1.bytes?.count ?? 0) })
            for value in values { append(value) }
        }

        /// Appends a value serialized as `type`; a `nil` optional is NULL.
        /// - Parameters:
        ///   - value: the value.
        ///   - type: the bind marker's type, which the value is checked against.
        /// - Throws: ``CQLProtocolError`` from the value's codec; the list is unchanged then.
        public mutating func append(_ value: some CQLEncodable, as type: CQLType) throws(CQLProtocolError) {
            try value.encodeValue(into: &buffer, as: type)
            count += 1
        }

        /// Appends a raw value as it is.
        /// - Parameter value: bytes, NULL or unset.
        public mutating func append(_ value: CQLRawValue) {
            buffer.writeValue(value)
            count += 1
        }

        /// The serialized bytes of the value at `index`.
        /// - Parameter index: the value's position.
        /// - Returns: the bytes; `nil` for NULL, unset or an index out of range.
        public func bytes(at index: Int) -> ArraySlice<UInt8>? {
            guard index >= 0, index < count else { return nil }
            var offset = buffer.readerIndex
            for _ in 0..<index {
                // Our own writes: every length is there and is -1, -2 or the byte count.
                offset += 4 + max(0, Int(buffer.getInteger(at: offset, as: Int32.self)!))
            }
            let length = Int(buffer.getInteger(at: offset, as: Int32.self)!)
            guard length >= 0 else { return nil }
            return buffer.bytes[offset + 4 ..< offset + 4 + length]
        }

        /// The values as raw values, in order.
        public var rawValues: [CQLRawValue] {
            var reader = buffer
            // Our own writes: each `[value]` reads back.
            return (0..<count).map { _ in try! reader.readValue() }
        }
    }
}
