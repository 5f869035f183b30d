#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol
import Synchronization

/// The server's data: the schema catalog and every table's partitions, behind one lock.
///
/// All reads and writes of a statement run inside one ``withState(_:)`` call, which makes
/// single statements, logged batches and lightweight transactions atomic and linearizable
/// (the embedded server is a single node, so one lock is its whole consensus protocol).
final class StorageEngine: Sendable {
    /// Everything the lock protects.
    struct State: Sendable {
        /// Keyspaces by name.
        var keyspaces: [String: KeyspaceDefinition] = [:]
        /// Table data keyed by table id.
        var stores: [UUID: TableStore] = [:]
        /// Incremented on every schema change; the executor derives `schema_version` from it.
        var schemaGeneration: UInt64 = 0
        /// The last timestamp handed out, to keep server-side timestamps strictly increasing.
        var lastTimestamp: Int64 = 0
        /// The next list element path for appends (increasing) — see ``ComplexCell``.
        var nextAppendPath: Int64 = 1 << 40
        /// The next list element path for prepends (decreasing).
        var nextPrependPath: Int64 = (1 << 40) - 1
    }

    private let state = Mutex(State())

    /// Creates an empty engine.
    init() {}

    /// Runs `body` with exclusive access to the state.
    func withState<T, Failure: Error>(_ body: (inout State) throws(Failure) -> T) throws(Failure) -> T {
        try state.withLock { (state: inout State) throws(Failure) -> T in try body(&state) }
    }
}

extension StorageEngine.State {
    /// A write timestamp strictly greater than every one handed out before, at least `now`.
    mutating func nextTimestamp(nowMicros: Int64) -> Int64 {
        lastTimestamp = max(lastTimestamp + 1, nowMicros)
        return lastTimestamp
    }

    /// Moves the list path counters beyond every list element path in `mutation`, so that
    /// appends and prepends after a commit-log replay sort after (before) the replayed ones.
    mutating func advanceListPaths(past mutation: Mutation, table: TableSchema) {
        for row in mutation.rows {
            for write in row.writes {
                guard case .list? = table.columns.first(where: { $0.slot == write.slot })?.type else { continue }
                let elements: [CollectionElement] = switch write.change {
                case .replaceCollection(let elements), .addElements(let elements): elements
                default: []
                }
                for element in elements where element.path.count == 8 {
                    let position = element.path.reduce(Int64(0)) { $0 << 8 | Int64($1) }
                    if position >= 1 << 40 {
                        nextAppendPath = max(nextAppendPath, position + 1)
                    } else {
                        nextPrependPath = min(nextPrependPath, position - 1)
                    }
                }
            }
        }
    }

    /// A fresh list element path that sorts after (append) or before (prepend) every path handed out so far.
    mutating func nextListPath(prepend: Bool) -> [UInt8] {
        let value: Int64
        if prepend {
            value = nextPrependPath
            nextPrependPath -= 1
        } else {
            value = nextAppendPath
            nextAppendPath += 1
        }
        return withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }

    /// The row `table` holds at `partitionKey`/`clustering` as a read sees it at `now`,
    /// or `nil` when it has no live data. An empty clustering on a table with clustering
    /// columns reads the static row.
    func currentRow(table: TableSchema, partitionKey: [UInt8], clustering: [[UInt8]], now: Int64) -> ResolvedRow? {
        guard let partition = stores[table.id]?.partition(partitionKey) else { return nil }
        let rows = partition.resolvedRows(table: table, now: now)
        if clustering.isEmpty && !table.clustering.isEmpty {
            return rows.first
        }
        let comparator = ClusteringComparator(table: table)
        return rows.first { comparator.compare($0.clustering, clustering) == 0 }
    }

    /// Applies `mutation` to `table` at `now` (seconds).
    mutating func apply(_ mutation: Mutation, table: TableSchema, now: Int64) {
        let comparator = ClusteringComparator(table: table)
        let key = table.id
        let columnCount = table.slotCount
        stores[key, default: TableStore()].withPartition(
            key: mutation.partitionKey, components: mutation.components, token: mutation.token, columnCount: columnCount
        ) { partition in
            if let deletion = mutation.partitionDeletion, deletion > partition.deletedAt {
                partition.deletedAt = deletion
                partition.purgeShadowedByPartitionDeletion()
            }
            partition.rangeTombstones += mutation.rangeDeletions
            let partitionDeletion = partition.deletedAt
            for rowMutation in mutation.rows {
                partition.withRow(rowMutation.clustering, isStatic: rowMutation.isStatic, columnCount: columnCount, comparator: comparator) { row in
                    if let deletion = rowMutation.rowDeletion { row.deletedAt = max(row.deletedAt, deletion) }
                    if let liveness = rowMutation.liveness {
                        if row.liveness.map({ $0.timestamp <= liveness.timestamp }) ?? true { row.liveness = liveness }
                    }
                    guard !rowMutation.writes.isEmpty else { return }
                    let deletion = max(partitionDeletion, row.deletedAt)
                    for write in rowMutation.writes where write.slot < columnCount {
                        let column = table.columns.first { $0.slot == write.slot }
                        let pathOrder = Self.pathOrder(for: column?.type)
                        row.apply(write.change, slot: write.slot, timestamp: rowMutation.timestamp, ttl: rowMutation.ttl,
                                  now: now, deletion: deletion, pathOrder: pathOrder)
                    }
                }
            }
        }
    }

    /// Element path order of a multi-cell collection: set elements and map keys use their
    /// type's order; list paths are big-endian signed 64-bit positions.
    static func pathOrder(for type: CQLType?) -> (ArraySlice<UInt8>, ArraySlice<UInt8>) -> Int {
        switch type {
        case .set(let element)?: { ValueComparator.compare($0, $1, as: element) }
        case .map(let key, _)?: { ValueComparator.compare($0, $1, as: key) }
        default: { ValueComparator.compareSignedIntegers($0, $1) }
        }
    }
}

extension StorageEngine.State {
    /// The live elements (path and value) of a multi-cell column, for list operations
    /// that address elements by position or value.
    func liveElements(table: TableSchema, partitionKey: [UInt8], clustering: [[UInt8]], isStatic: Bool,
                      slot: Int, now: Int64) -> [(path: [UInt8], cell: Cell)] {
        guard let partition = stores[table.id]?.partition(partitionKey) else { return [] }
        let row: Row?
        if isStatic {
            row = partition.staticRow
        } else {
            let (index, found) = partition.search(clustering, comparator: ClusteringComparator(table: table))
            row = found ? partition.rows[index] : nil
        }
        guard let row, slot < row.cells.count, case .complex(let complex)? = row.cells[slot] else { return [] }
        let clusteringTypes = table.clustering.map { table.columns[$0].type }
        let deletion = isStatic ? max(partition.deletedAt, row.deletedAt) : partition.deletion(for: row, clusteringTypes: clusteringTypes)
        return complex.liveElements(now: now, shadowedAtOrBefore: deletion)
    }
}
