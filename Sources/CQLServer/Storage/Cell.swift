/// One stored cell: a value (or a tombstone) with its write timestamp and expiry.
///
/// Timestamps are microseconds since the epoch, as in Cassandra; expiry is in seconds.
struct Cell: Sendable, Hashable {
    /// The serialized value; `nil` is a tombstone.
    var value: [UInt8]?
    /// The write timestamp in microseconds.
    var timestamp: Int64
    /// The TTL the cell was written with, in seconds (0 = none).
    var ttl: Int32
    /// When the cell expires, in seconds since the epoch (0 = never).
    var expiresAt: Int64

    /// A live cell.
    static func live(_ value: [UInt8], timestamp: Int64, ttl: Int32, now: Int64) -> Cell {
        Cell(value: value, timestamp: timestamp, ttl: ttl, expiresAt: ttl > 0 ? now + Int64(ttl) : 0)
    }

    /// A tombstone written at `timestamp`.
    static func tombstone(timestamp: Int64) -> Cell {
        Cell(value: nil, timestamp: timestamp, ttl: 0, expiresAt: 0)
    }

    /// Whether the cell holds a value that has not expired at `now` (seconds).
    func isLive(now: Int64) -> Bool {
        value != nil && (expiresAt == 0 || expiresAt > now)
    }

    /// Seconds left to live at `now`, or `nil` for cells without TTL.
    func remainingTTL(now: Int64) -> Int32? {
        expiresAt == 0 ? nil : Int32(max(0, expiresAt - now))
    }

    /// Cassandra's reconciliation (`Cells.resolveRegular`): the higher timestamp wins; on a
    /// tie a tombstone wins, then an expiring cell beats a non-expiring one
    /// (CASSANDRA-14592), then the cell that expires later, then the greater value.
    static func reconcile(_ existing: Cell, _ incoming: Cell) -> Cell {
        if incoming.timestamp != existing.timestamp { return incoming.timestamp > existing.timestamp ? incoming : existing }
        switch (existing.value, incoming.value) {
        case (nil, _): return existing
        case (_, nil): return incoming
        case (let left?, let right?):
            if existing.expiresAt != incoming.expiresAt {
                if existing.expiresAt == 0 || incoming.expiresAt == 0 { return existing.expiresAt == 0 ? incoming : existing }
                return incoming.expiresAt > existing.expiresAt ? incoming : existing
            }
            return ValueComparator.compareBytes(right[...], left[...]) > 0 ? incoming : existing
        }
    }
}

/// A multi-cell (non-frozen) collection: one cell per element, keyed by a path.
///
/// For sets the path is the element and the value empty; for maps the path is the key;
/// for lists the path is an ordering key assigned at write time.
struct ComplexCell: Sendable, Hashable {
    /// Elements written at or before this timestamp are deleted (whole-collection tombstone).
    var deletedAt: Int64 = .min
    /// Element cells sorted by path.
    var elements: [(path: [UInt8], cell: Cell)] = []

    static func == (left: ComplexCell, right: ComplexCell) -> Bool {
        left.deletedAt == right.deletedAt && left.elements.elementsEqual(right.elements) { $0.path == $1.path && $0.cell == $1.cell }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(deletedAt)
        for element in elements {
            hasher.combine(element.path)
            hasher.combine(element.cell)
        }
    }

    /// Merges one element cell, keeping path order under `pathOrder`.
    mutating func merge(path: [UInt8], cell: Cell, pathOrder: (ArraySlice<UInt8>, ArraySlice<UInt8>) -> Int) {
        var low = 0, high = elements.count
        while low < high {
            let middle = (low + high) / 2
            if pathOrder(elements[middle].path[...], path[...]) < 0 { low = middle + 1 } else { high = middle }
        }
        if low < elements.count, pathOrder(elements[low].path[...], path[...]) == 0 {
            elements[low].cell = Cell.reconcile(elements[low].cell, cell)
        } else {
            elements.insert((path, cell), at: low)
        }
    }

    /// The live elements at `now`, shadowed by `deletedAt` and any outer deletion.
    func liveElements(now: Int64, shadowedAtOrBefore outerDeletion: Int64) -> [(path: [UInt8], cell: Cell)] {
        let deletion = max(deletedAt, outerDeletion)
        return elements.filter { $0.cell.timestamp > deletion && $0.cell.isLive(now: now) }
    }
}

/// The stored state of one column in a row.
enum ColumnData: Sendable, Hashable {
    /// A single-cell column.
    case simple(Cell)
    /// A multi-cell collection.
    case complex(ComplexCell)
}
