import CassandraORM
import GraphQL

/// Per-request batching and caching of primary-key reads of one model (the DataLoader
/// pattern).
///
/// Loads issued while GraphQL resolves sibling fields or list elements concurrently are
/// collected until none has joined for ``batchWindow`` and then fetched together: with a one-column primary
/// key, as one `WHERE key IN (…)` query per ``maximumBatchSize`` keys; otherwise as concurrent
/// reads. Each key is read at most once per request: later loads of it return the cached
/// result (including "no row"). Mutations call ``clear(_:)`` for the keys they change.
public actor RecordLoader {
    /// The most keys one `IN` query carries.
    public static let maximumBatchSize = 100
    /// The model read.
    public let model: Model
    /// How long a batch stays open after its latest key: the latency one level of lookups
    /// trades for sending them together.
    public let batchWindow: Duration
    private let translator: ArgumentTranslator
    private var cache: [[Map]: Task<Record?, any Error>] = [:]
    private var pendingKeys: [[ORMValue]] = []
    private var pendingFetch: Task<[[Map]: Record], any Error>?

    /// Creates a loader; ``CassandraGraphQL`` makes one per model and request.
    /// - Parameters:
    ///   - model: the model.
    ///   - description: its description.
    ///   - batchWindow: how long a batch waits for more keys after its latest one.
    public init(model: Model, description: ModelDescription, batchWindow: Duration = .milliseconds(2)) {
        self.model = model
        self.batchWindow = batchWindow
        translator = ArgumentTranslator(model: description)
    }

    /// The row with primary key `key`, batched with concurrent loads and cached for the request.
    /// - Parameter key: the primary key values, in key order.
    /// - Returns: the record, or `nil` when there is no such row.
    /// - Throws: the ``CassandraORM/ORMError`` of the read.
    public func load(_ key: [ORMValue]) async throws -> Record? {
        let identity = self.identity(key)
        if let cached = cache[identity] { return try await cached.value }
        let fetch: Task<[[Map]: Record], any Error>
        if let pendingFetch {
            fetch = pendingFetch
        } else {
            fetch = Task {
                await self.waitForQuiet()
                return try await self.fetchPending()
            }
            pendingFetch = fetch
        }
        pendingKeys.append(key)
        let task = Task<Record?, any Error> { try await fetch.value[identity] }
        cache[identity] = task
        return try await task.value
    }

    /// Caches `record` (a full row read by another query) unless its key is already cached.
    /// - Parameter record: the record.
    public func prime(_ record: Record) {
        let identity = self.identity(translator.model.primaryKey.map { record[$0.name] })
        if cache[identity] == nil { cache[identity] = Task { record } }
    }

    /// Forgets the cached row with primary key `key` (after a write to it).
    /// - Parameter key: the primary key values.
    public func clear(_ key: [ORMValue]) {
        cache[identity(key)] = nil
    }

    /// A key as its GraphQL values: equal for the values a client sends and the values read back.
    private func identity(_ key: [ORMValue]) -> [Map] {
        zip(key, translator.model.primaryKey).map { ValueCoding.output($0, as: $1.mapping.type) }
    }

    /// Returns once no key has joined the pending batch for ``batchWindow`` (or the batch is full).
    private func waitForQuiet() async {
        var count = -1
        while pendingKeys.count != count && pendingKeys.count < Self.maximumBatchSize {
            count = pendingKeys.count
            await Task.yield()
            try? await Task.sleep(for: batchWindow)
        }
    }

    private func fetchPending() async throws -> [[Map]: Record] {
        let keys = pendingKeys
        pendingKeys = []
        pendingFetch = nil
        var rows: [[Map]: Record] = [:]
        let primaryKey = translator.model.primaryKey
        if primaryKey.count == 1 {
            var start = 0
            while start < keys.count {
                let chunk = keys[start..<min(start + Self.maximumBatchSize, keys.count)]
                let query: [String: ORMValue] = chunk.count == 1
                    ? [primaryKey[0].name: chunk.first![0]]
                    : [primaryKey[0].name: ["$in": .list(chunk.map { $0[0] })]]
                for record in try await model.find(query) { rows[identity([record[primaryKey[0].name]])] = record }
                start += Self.maximumBatchSize
            }
            return rows
        }
        let model = self.model
        let translator = self.translator
        return try await withThrowingTaskGroup(of: Record?.self) { group in
            for key in keys { group.addTask { try await model.findOne(translator.keyQuery(key)) } }
            for try await record in group {
                if let record { rows[identity(primaryKey.map { record[$0.name] })] = record }
            }
            return rows
        }
    }
}
