/// The portable encoding of an embedding in the ``VectorStorage/fallback`` layout: the IEEE
/// 754 Float32 bit patterns of the components, little-endian, back to back (4 bytes each).
enum PackedVector {
    /// Packs `vector` into `4 * vector.count` bytes.
    static func pack(_ vector: [Float]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(vector.count * 4)
        for component in vector {
            let bits = component.bitPattern
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 8))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 16))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 24))
        }
        return bytes
    }

    /// Unpacks bytes written by ``pack(_:)``; `nil` when the length is not `4 * dimensions`.
    static func unpack(_ bytes: some Collection<UInt8>, dimensions: Int) -> [Float]? {
        guard bytes.count == dimensions * 4 else { return nil }
        var vector: [Float] = []
        vector.reserveCapacity(dimensions)
        var iterator = bytes.makeIterator()
        for _ in 0..<dimensions {
            var bits: UInt32 = 0
            for shift in stride(from: 0, to: 32, by: 8) { bits |= UInt32(iterator.next()!) << shift }
            vector.append(Float(bitPattern: bits))
        }
        return vector
    }
}
