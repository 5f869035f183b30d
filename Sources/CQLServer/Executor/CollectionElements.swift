import CQLProtocol

/// Splits serialized collections into the element cells of a multi-cell column.
enum CollectionElements {
    /// The elements of a serialized `list`, `set` or `map` value of `type`, with list paths
    /// drawn from `state` (appending, or prepending in reverse so order is kept).
    static func elements(of bytes: [UInt8], type: CQLType, prepend: Bool = false,
                         state: inout StorageEngine.State) throws(ExecutionError) -> [CollectionElement] {
        guard let parts = ValueComparator.elements(of: bytes[...]) else {
            throw .invalid("Invalid serialized collection value for type \(type)")
        }
        switch type {
        case .list:
            let values = try nonNull(parts)
            if prepend {
                var result: [CollectionElement] = []
                for value in values.reversed() { result.insert(CollectionElement(path: state.nextListPath(prepend: true), value: value), at: 0) }
                return result
            }
            return values.map { CollectionElement(path: state.nextListPath(prepend: false), value: $0) }
        case .set:
            return try nonNull(parts).map { CollectionElement(path: $0, value: []) }
        case .map:
            guard let entries = mapEntries(bytes) else { throw .invalid("Invalid serialized map value") }
            return entries.map { CollectionElement(path: $0.key, value: $0.value) }
        default:
            throw .invalid("\(type) is not a collection")
        }
    }

    /// The key/value pairs of a serialized map.
    static func mapEntries(_ bytes: [UInt8]) -> [(key: [UInt8], value: [UInt8])]? {
        var buffer = CQLBuffer(bytes: bytes)
        guard let count = try? buffer.readInt(), count >= 0, Int(count) <= bytes.count else { return nil }
        var result: [(key: [UInt8], value: [UInt8])] = []
        for _ in 0..<count {
            guard let keyLength = try? buffer.readInt(), keyLength >= 0, let key = try? buffer.readRawBytes(count: Int(keyLength)),
                  let valueLength = try? buffer.readInt(), valueLength >= 0, let value = try? buffer.readRawBytes(count: Int(valueLength)) else {
                return nil
            }
            result.append((key, value))
        }
        return buffer.readableBytes == 0 ? result : nil
    }

    /// The serialized elements of a list or set value (map keys for `map`).
    static func values(of bytes: [UInt8]) throws(ExecutionError) -> [[UInt8]] {
        guard let parts = ValueComparator.elements(of: bytes[...]) else { throw .invalid("Invalid serialized collection value") }
        return try nonNull(parts)
    }

    private static func nonNull(_ parts: [ArraySlice<UInt8>?]) throws(ExecutionError) -> [[UInt8]] {
        var result: [[UInt8]] = []
        for part in parts {
            guard let part else { throw .invalid("null is not supported inside collections") }
            result.append(Array(part))
        }
        return result
    }
}
