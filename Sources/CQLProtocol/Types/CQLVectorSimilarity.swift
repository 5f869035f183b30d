/// Cassandra 5's vector similarity functions: the `similarity_function` option of a vector
/// index (`ORDER BY … ANN OF`) and the `similarity_cosine`, `similarity_dot_product` and
/// `similarity_euclidean` CQL functions. Scores are scaled as Cassandra scales them, so that
/// larger is always more similar:
///
/// | function | score |
/// | --- | --- |
/// | ``cosine`` | `(1 + cos θ) / 2`, 0 … 1 |
/// | ``dotProduct`` | `(1 + a·b) / 2`, 0 … 1 for unit vectors |
/// | ``euclidean`` | `1 / (1 + ‖a − b‖²)`, 0 … 1 |
///
/// The one definition the embedded server and the vector-search module both use.
public enum CQLVectorSimilarity: String, Sendable, Hashable, CaseIterable {
    /// The cosine of the angle between the vectors.
    case cosine
    /// The dot product, meant for unit-length vectors.
    case dotProduct = "dot_product"
    /// The squared euclidean distance.
    case euclidean

    /// The function for an index option value (`cosine`, `dot_product`, `euclidean`) or a
    /// function name (`similarity_cosine`, …), in any case.
    /// - Parameter name: the name.
    public init?(name: String) {
        let lowercased = name.lowercased()
        let bare = lowercased.hasPrefix("similarity_") ? String(lowercased.dropFirst("similarity_".count)) : lowercased
        self.init(rawValue: bare)
    }

    /// The similarity of two vectors of equal length.
    /// - Parameters:
    ///   - left: a vector.
    ///   - right: a vector with as many components as `left`.
    /// - Returns: the score, or `nil` when the lengths differ or, for ``cosine``, either vector
    ///   is all zeros (it has no direction; callers decide what that means).
    public func score(_ left: [Float], _ right: [Float]) -> Float? {
        guard left.count == right.count else { return nil }
        switch self {
        case .cosine:
            var dot: Float = 0, leftSquares: Float = 0, rightSquares: Float = 0
            for index in left.indices {
                dot += left[index] * right[index]
                leftSquares += left[index] * left[index]
                rightSquares += right[index] * right[index]
            }
            guard leftSquares > 0, rightSquares > 0 else { return nil }
            let cosine = dot / (leftSquares.squareRoot() * rightSquares.squareRoot())
            return (1 + min(1, max(-1, cosine))) / 2
        case .dotProduct:
            var dot: Float = 0
            for index in left.indices { dot += left[index] * right[index] }
            return (1 + dot) / 2
        case .euclidean:
            var squares: Float = 0
            for index in left.indices {
                let difference = left[index] - right[index]
                squares += difference * difference
            }
            return 1 / (1 + squares)
        }
    }
}
