import Synchronization

/// The session's prepared statements, by keyspace and CQL text, so that preparing the same
/// text twice (or executing it as a simple statement that needs preparing) asks the cluster
/// once.
///
/// Bounded: when full, the oldest entry is dropped; a dropped statement is simply prepared
/// again when next used.
final class PreparedStatementCache: Sendable {
    struct Key: Hashable, Sendable {
        var keyspace: String?
        var cql: String
    }

    private struct Storage {
        var entries: [Key: PreparedStatement] = [:]
        var order: [Key] = []
    }

    private let storage = Mutex(Storage())
    /// The most entries kept.
    let capacity: Int

    /// Creates an empty cache.
    /// - Parameter capacity: the most entries kept; at least 1.
    init(capacity: Int = 4096) {
        self.capacity = max(1, capacity)
    }

    /// The cached statement for `key`, if any.
    func statement(for key: Key) -> PreparedStatement? {
        storage.withLock { $0.entries[key] }
    }

    /// Stores `statement` under `key`, dropping the oldest entry when full.
    func store(_ statement: PreparedStatement, for key: Key) {
        storage.withLock { storage in
            if storage.entries.updateValue(statement, forKey: key) == nil {
                storage.order.append(key)
                if storage.order.count > capacity {
                    let oldest = storage.order.removeFirst()
                    storage.entries[oldest] = nil
                }
            }
        }
    }

    /// Every cached statement whose id is `id` (for re-preparing after UNPREPARED).
    func statement(withID id: [UInt8]) -> PreparedStatement? {
        storage.withLock { storage in storage.entries.values.first { $0.id == id } }
    }

    /// The number of cached statements.
    var count: Int { storage.withLock { $0.entries.count } }
}
