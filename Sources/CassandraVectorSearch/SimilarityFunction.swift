import CQLProtocol

/// How two vectors are compared: the `similarity_function` of a Cassandra 5 vector index and
/// of the `similarity_*` CQL functions.
///
/// Scores use Cassandra's scaling, so that larger is always more similar and a score computed
/// here equals what `similarity_cosine(…)` etc. return on the server:
///
/// | function | score | range |
/// | --- | --- | --- |
/// | ``cosine`` | `(1 + cos θ) / 2` | 0 … 1 |
/// | ``dotProduct`` | `(1 + a·b) / 2` | 0 … 1 for unit vectors |
/// | ``euclidean`` | `1 / (1 + ‖a − b‖²)` | 0 … 1 |
///
/// ``dotProduct`` equals ``cosine`` for unit-length vectors and is meant for them (as in
/// Cassandra, which documents it for normalised embeddings); ``HashingEmbedder`` produces
/// unit-length vectors.
public enum SimilarityFunction: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The cosine of the angle between the vectors, scaled to 0 … 1.
    case cosine
    /// The dot product, scaled to 0 … 1 for unit vectors.
    case dotProduct = "dot_product"
    /// The squared euclidean distance `d²`, as `1 / (1 + d²)`.
    case euclidean

    /// The function for a Cassandra name: `cosine`, `dot_product` or `euclidean` (any case).
    /// - Parameter cqlName: the index option value.
    /// - Throws: ``VectorSearchError/Code/unsupportedSimilarity`` for any other name.
    public init(cqlName: String) throws(VectorSearchError) {
        guard let function = SimilarityFunction(rawValue: cqlName.lowercased()) else {
            throw VectorSearchError(.unsupportedSimilarity,
                                    "similarity function '\(cqlName)' is not supported: use cosine, dot_product or euclidean")
        }
        self = function
    }

    /// The name Cassandra uses in the index option `similarity_function`.
    public var cqlName: String { rawValue }

    /// The name, as in CQL.
    public var description: String { rawValue }

    /// The similarity of two vectors of equal length, scaled as Cassandra scales it.
    ///
    /// A zero vector has no direction: its ``cosine`` score is 0.5 (cos θ taken as 0).
    /// - Parameters:
    ///   - left: a vector.
    ///   - right: a vector with as many components as `left`.
    /// - Returns: the score; larger is more similar.
    /// - Throws: ``VectorSearchError/Code/dimensionMismatch`` when the lengths differ.
    public func score(_ left: [Float], _ right: [Float]) throws(VectorSearchError) -> Float {
        guard left.count == right.count else {
            throw .dimensionMismatch(expected: left.count, actual: right.count, what: "the second vector")
        }
        return CQLVectorSimilarity(rawValue: rawValue)!.score(left, right) ?? 0.5
    }
}
