import CQLProtocol

/// One partition: its key, token, deletions, static row and clustered rows in order.
struct Partition: Sendable {
    /// The serialized partition key (routing-key form).
    let key: [UInt8]
    /// The serialized partition-key column values.
    let components: [[UInt8]]
    /// The Murmur3 token of ``key``.
    let token: Int64
    /// Partition tombstone timestamp.
    var deletedAt: Int64 = .min
    /// Range tombstones.
    var rangeTombstones: [RangeTombstone] = []
    /// The static row (empty clustering).
    var staticRow: Row
    /// The clustered rows, sorted by the table's ``ClusteringComparator``.
    var rows: [Row] = []

    /// Creates an empty partition.
    init(key: [UInt8], components: [[UInt8]], token: Int64, columnCount: Int) {
        self.key = key
        self.components = components
        self.token = token
        staticRow = Row(clustering: [], columnCount: columnCount)
    }

    /// Binary search for `clustering`: the index where it is or would be inserted.
    func search(_ clustering: [[UInt8]], comparator: ClusteringComparator) -> (index: Int, found: Bool) {
        var low = 0, high = rows.count
        while low < high {
            let middle = (low + high) / 2
            if comparator.compare(rows[middle].clustering, clustering) < 0 { low = middle + 1 } else { high = middle }
        }
        return (low, low < rows.count && comparator.compare(rows[low].clustering, clustering) == 0)
    }

    /// Runs `body` on the static row, or on the row with `clustering`, creating it if needed.
    /// Tables without clustering columns keep their single row at empty clustering.
    mutating func withRow<T>(_ clustering: [[UInt8]], isStatic: Bool, columnCount: Int, comparator: ClusteringComparator, _ body: (inout Row) -> T) -> T {
        if isStatic {
            staticRow.ensureCapacity(columnCount)
            return body(&staticRow)
        }
        let (index, found) = search(clustering, comparator: comparator)
        if !found { rows.insert(Row(clustering: clustering, columnCount: columnCount), at: index) }
        rows[index].ensureCapacity(columnCount)
        return body(&rows[index])
    }

    /// The timestamp at or below which data in a row with `clustering` is deleted.
    func deletion(for row: Row, clusteringTypes: [CQLType]) -> Int64 {
        var deletion = max(deletedAt, row.deletedAt)
        if !row.clustering.isEmpty {
            for tombstone in rangeTombstones where tombstone.timestamp > deletion && tombstone.covers(row.clustering, types: clusteringTypes) {
                deletion = tombstone.timestamp
            }
        }
        return deletion
    }

    /// Drops rows and tombstones that can no longer affect reads, keeping memory bounded
    /// under update-heavy workloads. Only data shadowed by the partition tombstone is removed.
    mutating func purgeShadowedByPartitionDeletion() {
        rows.removeAll { row in
            (row.liveness.map { $0.timestamp <= deletedAt } ?? true) && row.deletedAt <= deletedAt
                && row.cells.allSatisfy { data in
                    switch data {
                    case nil: true
                    case .simple(let cell)?: cell.timestamp <= deletedAt
                    case .complex(let complex)?: complex.elements.allSatisfy { $0.cell.timestamp <= deletedAt }
                    }
                }
        }
        rangeTombstones.removeAll { $0.timestamp <= deletedAt }
    }
}

extension Row {
    /// Applies one column write at `timestamp` with `ttl` seconds (0 = none).
    mutating func apply(_ write: CellWrite, slot: Int, timestamp: Int64, ttl: Int32, now: Int64,
                        deletion: Int64, pathOrder: (ArraySlice<UInt8>, ArraySlice<UInt8>) -> Int) {
        switch write {
        case .value(let bytes):
            let cell = bytes.map { Cell.live($0, timestamp: timestamp, ttl: ttl, now: now) } ?? .tombstone(timestamp: timestamp)
            if case .simple(let existing)? = cells[slot] {
                cells[slot] = .simple(Cell.reconcile(existing, cell))
            } else {
                cells[slot] = .simple(cell)
            }
        case .replaceCollection(let elements):
            var complex = complexCell(slot)
            complex.deletedAt = max(complex.deletedAt, timestamp - 1)
            complex.elements.removeAll { $0.cell.timestamp <= complex.deletedAt }
            for element in elements {
                complex.merge(path: element.path, cell: .live(element.value, timestamp: timestamp, ttl: ttl, now: now), pathOrder: pathOrder)
            }
            cells[slot] = .complex(complex)
        case .addElements(let elements):
            var complex = complexCell(slot)
            for element in elements {
                complex.merge(path: element.path, cell: .live(element.value, timestamp: timestamp, ttl: ttl, now: now), pathOrder: pathOrder)
            }
            cells[slot] = .complex(complex)
        case .removeElements(let paths):
            var complex = complexCell(slot)
            for path in paths { complex.merge(path: path, cell: .tombstone(timestamp: timestamp), pathOrder: pathOrder) }
            cells[slot] = .complex(complex)
        case .deleteColumn:
            if case .complex(var complex)? = cells[slot] {
                complex.deletedAt = max(complex.deletedAt, timestamp)
                complex.elements.removeAll { $0.cell.timestamp <= complex.deletedAt }
                cells[slot] = .complex(complex)
            } else if case .simple(let existing)? = cells[slot] {
                cells[slot] = .simple(Cell.reconcile(existing, .tombstone(timestamp: timestamp)))
            } else {
                cells[slot] = .simple(.tombstone(timestamp: timestamp))
            }
        case .counterAdd(let delta):
            var current: Int64 = 0
            var previousTimestamp = Int64.min
            if case .simple(let existing)? = cells[slot], existing.timestamp > deletion, existing.isLive(now: now),
               let bytes = existing.value, bytes.count == 8 {
                current = bytes.reduce(0) { $0 << 8 | Int64($1) }
                previousTimestamp = existing.timestamp
            }
            let sum = current &+ delta
            let bytes = withUnsafeBytes(of: sum.bigEndian) { Array($0) }
            cells[slot] = .simple(Cell(value: bytes, timestamp: max(timestamp, previousTimestamp &+ 1), ttl: 0, expiresAt: 0))
        }
    }

    /// Merges a cell or collection copied from another row, keeping its own timestamps and
    /// expiry (materialized view maintenance copies base cells this way).
    mutating func merge(_ data: ColumnData, slot: Int, pathOrder: (ArraySlice<UInt8>, ArraySlice<UInt8>) -> Int) {
        switch data {
        case .simple(let cell):
            if case .simple(let existing)? = cells[slot] {
                cells[slot] = .simple(Cell.reconcile(existing, cell))
            } else {
                cells[slot] = .simple(cell)
            }
        case .complex(let incoming):
            var complex = complexCell(slot)
            complex.deletedAt = max(complex.deletedAt, incoming.deletedAt)
            complex.elements.removeAll { $0.cell.timestamp <= complex.deletedAt }
            for element in incoming.elements where element.cell.timestamp > complex.deletedAt {
                complex.merge(path: element.path, cell: element.cell, pathOrder: pathOrder)
            }
            cells[slot] = .complex(complex)
        }
    }

    private func complexCell(_ slot: Int) -> ComplexCell {
        if case .complex(let complex)? = cells[slot] { return complex }
        return ComplexCell()
    }
}
