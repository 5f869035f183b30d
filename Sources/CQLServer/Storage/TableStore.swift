/// The partitions of one table: hashed by key for point access, with a token-ordered key
/// list built lazily for scans (Cassandra returns partitions in token order).
struct TableStore: Sendable {
    /// Partitions by serialized partition key.
    private(set) var partitions: [[UInt8]: Partition] = [:]
    /// Keys in (token, key) order; `nil` after a partition was added or removed.
    private var orderedKeys: [[UInt8]]?

    /// The partition with `key`, if stored.
    func partition(_ key: [UInt8]) -> Partition? { partitions[key] }

    /// Runs `body` on the partition with `key`, creating it when absent.
    mutating func withPartition<T>(key: [UInt8], components: [[UInt8]], token: Int64, columnCount: Int,
                                   _ body: (inout Partition) -> T) -> T {
        if partitions[key] == nil {
            partitions[key] = Partition(key: key, components: components, token: token, columnCount: columnCount)
            orderedKeys = nil
        }
        return body(&partitions[key]!)
    }

    /// Partition keys in token order (ties broken by key bytes).
    mutating func keysInTokenOrder() -> [[UInt8]] {
        if let orderedKeys { return orderedKeys }
        let sorted = partitions.values
            .map { ($0.token, $0.key) }
            .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : ValueComparator.compareBytes($0.1[...], $1.1[...]) < 0 }
            .map(\.1)
        orderedKeys = sorted
        return sorted
    }

    /// Removes every partition (TRUNCATE).
    mutating func removeAll() {
        partitions.removeAll()
        orderedKeys = nil
    }
}
