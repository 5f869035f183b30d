/// The parts of a Cassandra `release_version` ("5.0.2", "4.1.3", "5.1-SNAPSHOT") that decide
/// which vector storage the server supports.
struct ServerVersion: Sendable, Hashable {
    /// The text as the server reports it.
    let text: String
    /// The leading number ("5" of "5.0.2"); `nil` when the text does not start with one.
    let major: Int?

    init(_ text: String) {
        self.text = text
        self.major = Int(text.prefix { $0.isASCII && $0.isNumber })
    }

    /// Whether the server has the `vector` type, storage-attached indexes and ANN ordering
    /// (Apache Cassandra 5.0 or later).
    var supportsNativeVectors: Bool { (major ?? 0) >= 5 }
}
