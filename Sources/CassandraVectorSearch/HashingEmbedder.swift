/// A deterministic, offline text embedder based on feature hashing (the "hashing trick").
///
/// Each text is lower-cased and split into words (runs of letters and digits). Every word
/// and every character n-gram of the word padded as `<word>` becomes a feature; a feature is
/// hashed (64-bit FNV-1a, then a SplitMix64 finaliser) to one of ``dimensions`` buckets and
/// adds ``wordWeight`` or ``nGramWeight`` there, with a sign taken from another bit of the hash
/// so that collisions cancel out on average instead of piling up. The vector is then scaled to
/// unit length (L2).
///
/// Texts that share words get close vectors, and character n-grams make inflections and typos
/// ("shoe" / "shoes", "colour" / "color") close too. Word order is ignored. It captures no
/// synonymy: use a learned model (through your own ``EmbeddingProvider``) for semantics.
///
/// The same text gives the same vector on every platform and in every process (no use of
/// Swift's randomly seeded `Hasher`), so stored embeddings stay valid across restarts.
///
/// ```swift
/// let embedder = try HashingEmbedder(dimensions: 256)
/// let vector = try embedder.embedding(of: "Red running shoes")   // 256 floats, length 1
/// ```
public struct HashingEmbedder: EmbeddingProvider, Hashable {
    /// The number of hash buckets, the vector length.
    public let dimensions: Int
    /// The lengths of the character n-grams taken from each padded word.
    public let nGramLengths: ClosedRange<Int>
    /// The weight of a whole-word feature.
    public let wordWeight: Float
    /// The weight of one character n-gram feature.
    public let nGramWeight: Float

    /// Creates an embedder.
    /// - Parameters:
    ///   - dimensions: the vector length (at least 2; 256 to 1,024 suit short documents).
    ///   - nGramLengths: the character n-gram lengths (at least 1); `3...4` by default.
    ///   - wordWeight: the weight of a word feature (positive).
    ///   - nGramWeight: the weight of an n-gram feature (0 disables n-grams).
    /// - Throws: ``VectorSearchError/Code/invalidArgument`` for values out of range.
    public init(dimensions: Int = 384, nGramLengths: ClosedRange<Int> = 3...4, wordWeight: Float = 1,
                nGramWeight: Float = 0.5) throws(VectorSearchError) {
        guard dimensions >= 2 else { throw VectorSearchError(.invalidArgument, "an embedder needs at least 2 dimensions, got \(dimensions)") }
        guard nGramLengths.lowerBound >= 1 else { throw VectorSearchError(.invalidArgument, "n-gram lengths start at 1") }
        guard wordWeight > 0, wordWeight.isFinite, nGramWeight >= 0, nGramWeight.isFinite else {
            throw VectorSearchError(.invalidArgument, "the word weight must be positive and the n-gram weight non-negative")
        }
        self.dimensions = dimensions
        self.nGramLengths = nGramLengths
        self.wordWeight = wordWeight
        self.nGramWeight = nGramWeight
    }

    /// Embeds a batch of texts (see ``embedding(of:)``).
    /// - Parameter texts: the texts.
    /// - Returns: one unit-length vector per text.
    /// - Throws: ``VectorSearchError/Code/invalidArgument`` for a text without letters or digits.
    public func embed(_ texts: [String]) async throws -> [[Float]] {
        try texts.map { text throws(VectorSearchError) in try embedding(of: text) }
    }

    /// Embeds one text, synchronously.
    /// - Parameter text: the text.
    /// - Returns: a unit-length vector of ``dimensions`` components.
    /// - Throws: ``VectorSearchError/Code/invalidArgument`` when the text has no letters or
    ///   digits (its vector would be all zeros, which has no direction).
    public func embedding(of text: String) throws(VectorSearchError) -> [Float] {
        var vector = [Float](repeating: 0, count: dimensions)
        for word in Self.words(of: text) {
            add(feature: "w|" + word, weight: wordWeight, to: &vector)
            guard nGramWeight > 0 else { continue }
            let padded = Array("<" + word + ">")
            for length in nGramLengths where length <= padded.count {
                for start in 0...(padded.count - length) {
                    add(feature: "g|" + String(padded[start..<start + length]), weight: nGramWeight, to: &vector)
                }
            }
        }
        let norm = vector.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else {
            throw VectorSearchError(.invalidArgument, "a text without letters or digits has no embedding; index some words")
        }
        return vector.map { $0 / norm }
    }

    /// The lower-cased words of `text`: maximal runs of letters and digits.
    static func words(of text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private func add(feature: String, weight: Float, to vector: inout [Float]) {
        let hash = Self.hash(feature)
        let bucket = Int(hash % UInt64(dimensions))
        vector[bucket] += (hash >> 63) == 0 ? weight : -weight
    }

    /// The feature's hash: ``fnv1a(_:)`` then ``mix(_:)``, so that the low bits (the bucket)
    /// and the top bit (the sign) are independent.
    static func hash(_ feature: String) -> UInt64 { mix(fnv1a(feature)) }

    /// 64-bit FNV-1a of the UTF-8 bytes.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The SplitMix64 finaliser (Stafford's mix 13).
    static func mix(_ value: UInt64) -> UInt64 {
        var hash = (value ^ (value >> 30)) &* 0xbf58_476d_1ce4_e5b9
        hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
        return hash ^ (hash >> 31)
    }
}
