/// Token computation for Cassandra's default `Murmur3Partitioner`, used to route a
/// statement to the replicas that own its partition key.
///
/// Cassandra hashes with its own variant of MurmurHash3 x64/128 (seed 0, first 64 bits):
/// `MurmurHash.hash3_x64_128` reads the tail bytes as signed Java `byte`s, sign-extended
/// to `long`, so keys whose length is not a multiple of 16 and whose tail has bytes ≥ 0x80
/// hash differently from the reference C implementation. The partitioner then maps the
/// token `Long.MIN_VALUE` (reserved as the ring's minimum) to `Long.MAX_VALUE`.
///
/// ```swift
/// let key = try Murmur3Partitioner.routingKey([try Int32(1).cqlRawValue(as: .int).bytes ?? []])
/// let token = Murmur3Partitioner.token(for: key)
/// ```
public enum Murmur3Partitioner {
    /// The token of a serialized partition key.
    ///
    /// Matches the DataStax drivers' `Murmur3Token.hash_fn`, including for the empty key
    /// (token 0); Cassandra itself rejects empty partition keys.
    /// - Parameter key: The routing key: the serialized value of a single-column partition
    ///   key, or the output of ``routingKey(_:)`` for a composite one.
    /// - Returns: The token.
    public static func token<Key: Collection>(for key: Key) -> Int64 where Key.Element == UInt8 {
        // Contiguous keys (arrays and their slices: every routing key) hash in place.
        let hash = key.withContiguousStorageIfAvailable { hash3_x64_128(UnsafeRawBufferPointer($0)) }
            ?? Array(key).withUnsafeBytes { hash3_x64_128($0) }
        return hash == .min ? .max : hash
    }

    /// Composes the routing key of a composite partition key: for each component, a
    /// `[short]` length, the bytes and a `0x00` end-of-component byte. A single component
    /// is returned unchanged.
    /// - Parameter components: The serialized values of the partition key columns, in
    ///   partition key order.
    /// - Returns: The bytes to pass to ``token(for:)``.
    /// - Throws: ``CQLProtocolError/Code/invalidValue`` when a component of a composite key
    ///   is longer than 65535 bytes, which Cassandra does not allow.
    public static func routingKey(_ components: [[UInt8]]) throws(CQLProtocolError) -> [UInt8] {
        if components.count == 1 { return components[0] }
        var buffer = CQLBuffer(capacity: components.reduce(0) { $0 + $1.count + 3 })
        for component in components {
            guard let length = UInt16(exactly: component.count) else {
                throw CQLProtocolError(.invalidValue, "partition key component of \(component.count) bytes exceeds 65535")
            }
            buffer.writeShort(length)
            buffer.writeRawBytes(component)
            buffer.writeByte(0)
        }
        return buffer.bytes
    }

    /// The first 64 bits of Cassandra's MurmurHash3 x64/128 with seed 0.
    static func hash3_x64_128(_ data: [UInt8]) -> Int64 {
        data.withUnsafeBytes { hash3_x64_128($0) }
    }

    /// The first 64 bits of Cassandra's MurmurHash3 x64/128 with seed 0, over raw bytes.
    static func hash3_x64_128(_ data: UnsafeRawBufferPointer) -> Int64 {
        let c1: UInt64 = 0x87c3_7b91_1142_53d5
        let c2: UInt64 = 0x4cf5_ad43_2745_937f
        var h1: UInt64 = 0, h2: UInt64 = 0
        let blockCount = data.count / 16

        func littleEndian64(at offset: Int) -> UInt64 {
            UInt64(littleEndian: data.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }

        for block in 0..<blockCount {
            var k1 = littleEndian64(at: block * 16)
            var k2 = littleEndian64(at: block * 16 + 8)
            k1 = rotl(k1 &* c1, 31) &* c2
            h1 ^= k1
            h1 = rotl(h1, 27) &+ h2
            h1 = h1 &* 5 &+ 0x52dc_e729
            k2 = rotl(k2 &* c2, 33) &* c1
            h2 ^= k2
            h2 = rotl(h2, 31) &+ h1
            h2 = h2 &* 5 &+ 0x3849_5ab5
        }

        // Tail: each byte is a signed Java byte sign-extended to 64 bits before shifting,
        // so a byte >= 0x80 sets every bit above its position (Cassandra's quirk).
        let tail = UnsafeRawBufferPointer(rebasing: data[(blockCount * 16)...])
        var k1: UInt64 = 0, k2: UInt64 = 0
        for (position, byte) in tail.enumerated() {
            let extended = UInt64(bitPattern: Int64(Int8(bitPattern: byte)))
            if position >= 8 {
                k2 ^= extended << UInt64((position - 8) * 8)
            } else {
                k1 ^= extended << UInt64(position * 8)
            }
        }
        if tail.count > 8 {
            k2 = rotl(k2 &* c2, 33) &* c1
            h2 ^= k2
        }
        if !tail.isEmpty {
            k1 = rotl(k1 &* c1, 31) &* c2
            h1 ^= k1
        }

        h1 ^= UInt64(data.count)
        h2 ^= UInt64(data.count)
        h1 = h1 &+ h2
        h2 = h2 &+ h1
        h1 = fmix(h1)
        h2 = fmix(h2)
        h1 = h1 &+ h2
        return Int64(bitPattern: h1)
    }

    private static func rotl(_ value: UInt64, _ shift: UInt64) -> UInt64 {
        value << shift | value >> (64 - shift)
    }

    private static func fmix(_ value: UInt64) -> UInt64 {
        var k = value
        k ^= k >> 33
        k = k &* 0xff51_afd7_ed55_8ccd
        k ^= k >> 33
        k = k &* 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }
}
