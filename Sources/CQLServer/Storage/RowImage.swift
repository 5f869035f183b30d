/// A base-table row as materialized view maintenance sees it at one instant (the existing
/// and merged base rows of Cassandra's `ViewUpdateGenerator`): its primary-key liveness, the
/// deletion that covers it (row, range or partition tombstone, whichever is newest) and its
/// regular cells, tombstones included, with everything that deletion shadows left out.
struct RowImage: Sendable {
    /// The clustering values.
    var clustering: [[UInt8]]
    /// The primary-key liveness, unless shadowed by ``deletion``.
    var liveness: RowLiveness?
    /// The newest deletion covering the row (`.min` when none).
    var deletion: Int64
    /// Regular-column data by slot; `nil` where nothing newer than ``deletion`` was written.
    var cells: [ColumnData?]

    /// An image of a row that holds nothing, under `deletion`.
    static func empty(clustering: [[UInt8]], deletion: Int64 = .min) -> RowImage {
        RowImage(clustering: clustering, liveness: nil, deletion: deletion, cells: [])
    }

    /// The data of the column with `slot`.
    func data(slot: Int) -> ColumnData? {
        slot < cells.count ? cells[slot] : nil
    }

    /// The single cell of the column with `slot`, when it is not a collection.
    func cell(slot: Int) -> Cell? {
        if case .simple(let cell)? = data(slot: slot) { return cell }
        return nil
    }

    /// Every cell of the column with `slot`: the cell, or a collection's element cells.
    func allCells(slot: Int) -> [Cell] {
        switch data(slot: slot) {
        case .simple(let cell)?: [cell]
        case .complex(let complex)?: complex.elements.map(\.cell)
        case nil: []
        }
    }

    /// Whether the row is alive at `now`: live primary-key liveness or any live cell
    /// (`Row.hasLiveData` without strict liveness, as for every base table).
    func hasLiveData(now: Int64) -> Bool {
        if liveness?.isLive(now: now, deletion: deletion) == true { return true }
        return cells.indices.contains { slot in allCells(slot: slot).contains { $0.isLive(now: now) } }
    }
}

extension Partition {
    /// The image of the row with `clustering` in `table` (an empty image under the partition
    /// and range deletions when no such row is stored).
    func image(at clustering: [[UInt8]], table: TableSchema) -> RowImage {
        let (index, found) = search(clustering, comparator: ClusteringComparator(table: table))
        return image(of: found ? rows[index] : Row(clustering: clustering, columnCount: 0), table: table)
    }

    /// The image of `row`, one of this partition's rows in `table`.
    func image(of row: Row, table: TableSchema) -> RowImage {
        let deletion = deletion(for: row, clusteringTypes: table.clustering.map { table.columns[$0].type })
        var cells = [ColumnData?](repeating: nil, count: table.slotCount)
        for column in table.columns where column.kind == .regular && column.slot < row.cells.count {
            switch row.cells[column.slot] {
            case .simple(let cell)? where cell.timestamp > deletion:
                cells[column.slot] = .simple(cell)
            case .complex(var complex)?:
                let shadow = max(deletion, complex.deletedAt)
                complex.elements.removeAll { $0.cell.timestamp <= shadow }
                if complex.deletedAt <= deletion { complex.deletedAt = .min }
                if complex.deletedAt != .min || !complex.elements.isEmpty { cells[column.slot] = .complex(complex) }
            default:
                break
            }
        }
        let liveness = row.liveness.flatMap { $0.timestamp > deletion ? $0 : nil }
        return RowImage(clustering: row.clustering, liveness: liveness, deletion: deletion, cells: cells)
    }
}
