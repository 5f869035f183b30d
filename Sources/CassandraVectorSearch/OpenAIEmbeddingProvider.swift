import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An ``EmbeddingProvider`` that calls an OpenAI-compatible `POST /v1/embeddings` endpoint
/// (OpenAI, Azure OpenAI's compatible route, Ollama, vLLM, LocalAI, text-embeddings-inference…).
///
/// Texts are sent in batches of at most ``Configuration/maximumBatchSize`` as
/// `{"model": …, "input": [...], "encoding_format": "float"}` (plus `"dimensions"` when
/// ``Configuration/requestDimensions`` is set, for models that can shorten their output), with
/// `Authorization: Bearer <apiKey>` when a key is given. The answer's `data[].embedding` are put
/// back in input order by their `index`; a count or size that does not match is an error.
///
/// ```swift
/// let openAI = OpenAIEmbeddingProvider(configuration: .init(
///     endpoint: URL(string: "https://api.openai.com/v1/embeddings")!,
///     model: "text-embedding-3-small", dimensions: 1536, apiKey: key))
/// let collection = try await VectorCollection.create(session: session, keyspace: "kb", table: "docs",
///                                                    embedder: CachingEmbeddingProvider(openAI))
/// ```
///
/// Every failure is a ``VectorSearchError/Code/providerFailed`` with the HTTP status in
/// ``VectorSearchError/httpStatus`` and the server's `error.message` in the message; transport
/// errors keep the `URLError` in ``VectorSearchError/underlying``. Requests are not retried.
public struct OpenAIEmbeddingProvider: EmbeddingProvider {
    /// Where and how to call the endpoint.
    public struct Configuration: Sendable {
        /// The full URL of the embeddings endpoint, e.g. `https://api.openai.com/v1/embeddings`.
        public var endpoint: URL
        /// The model name sent as `model`.
        public var model: String
        /// The number of components the model returns.
        public var dimensions: Int
        /// Sent as `Authorization: Bearer …` when not `nil`.
        public var apiKey: String?
        /// Whether to send `"dimensions": n` (only for models that accept it).
        public var requestDimensions: Bool
        /// The most texts per request (OpenAI accepts up to 2,048).
        public var maximumBatchSize: Int
        /// The timeout of one request.
        public var timeout: Duration

        /// Creates a configuration.
        /// - Parameters:
        ///   - endpoint: the embeddings URL.
        ///   - model: the model name.
        ///   - dimensions: the model's output size.
        ///   - apiKey: the bearer token, if any.
        ///   - requestDimensions: whether to send `dimensions`.
        ///   - maximumBatchSize: texts per request (at least 1).
        ///   - timeout: per request.
        public init(endpoint: URL, model: String, dimensions: Int, apiKey: String? = nil, requestDimensions: Bool = false,
                    maximumBatchSize: Int = 256, timeout: Duration = .seconds(30)) {
            self.endpoint = endpoint
            self.model = model
            self.dimensions = dimensions
            self.apiKey = apiKey
            self.requestDimensions = requestDimensions
            self.maximumBatchSize = max(1, maximumBatchSize)
            self.timeout = timeout
        }
    }

    private struct Request: Encodable {
        var model: String
        var input: [String]
        var encoding_format = "float"
        var dimensions: Int?
    }

    private struct Response: Decodable {
        struct Item: Decodable {
            var index: Int
            var embedding: [Float]
        }
        var data: [Item]
    }

    private struct ErrorBody: Decodable {
        struct Detail: Decodable { var message: String? }
        var error: Detail?
    }

    /// The configuration.
    public let configuration: Configuration
    private let urlSession: URLSession

    /// Creates a provider.
    /// - Parameters:
    ///   - configuration: endpoint, model and limits.
    ///   - urlSession: the session to send requests with.
    public init(configuration: Configuration, urlSession: URLSession = .shared) {
        self.configuration = configuration
        self.urlSession = urlSession
    }

    /// The configured model dimensions.
    public var dimensions: Int { configuration.dimensions }

    /// Embeds texts, one request per ``Configuration/maximumBatchSize`` texts, in order.
    /// - Parameter texts: the texts.
    /// - Returns: one vector per text.
    /// - Throws: ``VectorSearchError/Code/providerFailed``.
    public func embed(_ texts: [String]) async throws -> [[Float]] {
        var vectors: [[Float]] = []
        vectors.reserveCapacity(texts.count)
        var start = texts.startIndex
        while start < texts.endIndex {
            let end = min(start + configuration.maximumBatchSize, texts.endIndex)
            vectors += try await request(Array(texts[start..<end]))
            start = end
        }
        return vectors
    }

    private func request(_ texts: [String]) async throws -> [[Float]] {
        var request = URLRequest(url: configuration.endpoint)
        request.httpMethod = "POST"
        let (seconds, attoseconds) = configuration.timeout.components
        request.timeoutInterval = Double(seconds) + Double(attoseconds) / 1e18
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let apiKey = configuration.apiKey { request.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization") }
        request.httpBody = try JSONEncoder().encode(Request(
            model: configuration.model, input: texts, dimensions: configuration.requestDimensions ? configuration.dimensions : nil))

        let data: Data, response: URLResponse
        do {
            (data, response) = try await urlSession.data(for: request)
        } catch {
            throw VectorSearchError(.providerFailed, "the embeddings request to \(configuration.endpoint.host ?? "the endpoint") failed; see underlying",
                                    underlying: error)
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            let detail = (try? JSONDecoder().decode(ErrorBody.self, from: data))?.error?.message
            var error = VectorSearchError(.providerFailed,
                                          "the embeddings endpoint answered HTTP \(status)" + (detail.map { ": \($0)" } ?? ""))
            error.httpStatus = status
            throw error
        }
        let items: [Response.Item]
        do {
            items = try JSONDecoder().decode(Response.self, from: data).data
        } catch {
            var failure = VectorSearchError(.providerFailed, "the embeddings response is not {\"data\": [{\"index\", \"embedding\"}]}",
                                            underlying: error)
            failure.httpStatus = status
            throw failure
        }
        let ordered = items.sorted { $0.index < $1.index }
        guard ordered.map(\.index) == Array(0..<texts.count) else {
            throw VectorSearchError(.providerFailed, "the embeddings response has \(items.count) vectors for \(texts.count) texts")
        }
        for item in ordered where item.embedding.count != dimensions {
            let mismatch = VectorSearchError.dimensionMismatch(expected: dimensions, actual: item.embedding.count,
                                                               what: "model \(configuration.model)'s embedding")
            throw VectorSearchError(.providerFailed, mismatch.message, underlying: mismatch)
        }
        return ordered.map(\.embedding)
    }
}
