/// Cassandra 5's vector similarity functions, scaled as Cassandra scales them so that
/// larger is always more similar: cosine `(1 + cos) / 2`, euclidean `1 / (1 + d²)`,
/// dot product `(1 + a·b) / 2`.
enum VectorSimilarity {
    /// A similarity function.
    enum Function: String, Sendable {
        case cosine
        case euclidean
        case dotProduct = "dot_product"

        /// The function for a `similarity_*` name or an index's `similarity_function` option.
        init?(functionName: String) {
            let name = functionName.lowercased()
            let bare = name.hasPrefix("similarity_") ? String(name.dropFirst("similarity_".count)) : name
            self.init(rawValue: bare)
        }
    }

    /// The similarity of two equal-length vectors.
    static func score(_ function: Function, _ left: [Float], _ right: [Float]) -> Float {
        guard left.count == right.count, !left.isEmpty else { return 0 }
        switch function {
        case .cosine:
            var dot: Float = 0, leftNorm: Float = 0, rightNorm: Float = 0
            for index in left.indices {
                dot += left[index] * right[index]
                leftNorm += left[index] * left[index]
                rightNorm += right[index] * right[index]
            }
            guard leftNorm > 0, rightNorm > 0 else { return 0 }
            return (1 + dot / (leftNorm.squareRoot() * rightNorm.squareRoot())) / 2
        case .euclidean:
            var sum: Float = 0
            for index in left.indices {
                let difference = left[index] - right[index]
                sum += difference * difference
            }
            return 1 / (1 + sum)
        case .dotProduct:
            var dot: Float = 0
            for index in left.indices { dot += left[index] * right[index] }
            return (1 + dot) / 2
        }
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
