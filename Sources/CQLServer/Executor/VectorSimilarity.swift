import CQLProtocol

/// Vector helpers of the executor; the similarity functions themselves are
/// ``CQLProtocol/CQLVectorSimilarity``, shared with the client.
enum VectorSimilarity {
    /// The score of `function` for two vectors, 0 where Cassandra's functions have no value
    /// (unequal or empty vectors, a zero vector under cosine).
    static func score(_ function: CQLVectorSimilarity, _ left: [Float], _ right: [Float]) -> Float {
        guard !left.isEmpty else { return 0 }
        return function.score(left, right) ?? 0
    }

    /// Decodes a serialized `vector<float, n>`.
    static func floats(_ bytes: [UInt8]) -> [Float]? {
        guard bytes.count % 4 == 0 else { return nil }
        var result: [Float] = []
        result.reserveCapacity(bytes.count / 4)
        var index = 0
        while index < bytes.count {
            let bits = UInt32(bytes[index]) << 24 | UInt32(bytes[index + 1]) << 16 | UInt32(bytes[index + 2]) << 8 | UInt32(bytes[index + 3])
            result.append(Float(bitPattern: bits))
            index += 4
        }
        return result
    }
}
