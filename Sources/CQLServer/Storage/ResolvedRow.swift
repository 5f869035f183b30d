import CQLProtocol

/// A row as a read sees it at one instant: live values only, with write time and TTL.
struct ResolvedRow: Sendable {
    /// A live column value.
    struct Value: Sendable, Hashable {
        /// The serialized value (collections are serialized from their live elements).
        var bytes: [UInt8]
        /// The write timestamp (for single-cell columns).
        var writetime: Int64?
        /// The remaining TTL in seconds (for single-cell columns written with TTL).
        var ttl: Int32?
    }

    /// The partition key values.
    var partitionKey: [[UInt8]]
    /// The clustering values; empty for a static-only result row.
    var clustering: [[UInt8]]
    /// Live values by column slot.
    var values: [Value?]
    /// The partition's token.
    var token: Int64

    /// The value of the column with `slot`.
    func value(slot: Int) -> Value? { slot < values.count ? values[slot] : nil }
}

extension Partition {
    /// The rows a SELECT sees at `now` (seconds), in clustering order. A partition with live
    /// static data but no live rows yields one row with empty clustering, as Cassandra does.
    func resolvedRows(table: TableSchema, now: Int64) -> [ResolvedRow] {
        let clusteringTypes = table.clustering.map { table.columns[$0].type }
        let staticValues = resolveCells(of: staticRow, table: table, kind: .staticColumn, deletion: max(deletedAt, staticRow.deletedAt), now: now)
        var result: [ResolvedRow] = []
        for row in rows {
            let deletion = deletion(for: row, clusteringTypes: clusteringTypes)
            var values = resolveCells(of: row, table: table, kind: .regular, deletion: deletion, now: now)
            let rowLive = row.liveness?.isLive(now: now, deletion: deletion) == true
                || (!table.enforcesStrictLiveness && values.contains { $0 != nil })
            guard rowLive else { continue }
            for column in table.columns where column.kind == .staticColumn && column.slot < values.count {
                values[column.slot] = staticValues[column.slot]
            }
            result.append(ResolvedRow(partitionKey: components, clustering: row.clustering, values: values, token: token))
        }
        if result.isEmpty && staticValues.contains(where: { $0 != nil }) {
            result.append(ResolvedRow(partitionKey: components, clustering: [], values: staticValues, token: token))
        }
        return result
    }

    private func resolveCells(of row: Row, table: TableSchema, kind: ColumnSchema.Kind, deletion: Int64, now: Int64) -> [ResolvedRow.Value?] {
        var values = [ResolvedRow.Value?](repeating: nil, count: table.slotCount)
        for column in table.columns where column.kind == kind {
            guard column.slot < row.cells.count, let data = row.cells[column.slot] else { continue }
            switch data {
            case .simple(let cell):
                guard cell.timestamp > deletion, cell.isLive(now: now), let bytes = cell.value else { continue }
                values[column.slot] = .init(bytes: bytes, writetime: cell.timestamp, ttl: cell.remainingTTL(now: now))
            case .complex(let complex):
                let live = complex.liveElements(now: now, shadowedAtOrBefore: deletion)
                guard !live.isEmpty else { continue }
                values[column.slot] = .init(bytes: Self.serializeCollection(live, type: column.type), writetime: nil, ttl: nil)
            }
        }
        return values
    }

    /// Serializes live collection elements in the v3+ collection format.
    static func serializeCollection(_ elements: [(path: [UInt8], cell: Cell)], type: CQLType) -> [UInt8] {
        var buffer = CQLBuffer()
        buffer.writeInt(Int32(elements.count))
        for element in elements {
            switch type {
            case .set:
                buffer.writeBytes(element.path)
            case .map:
                buffer.writeBytes(element.path)
                buffer.writeBytes(element.cell.value)
            default:
                buffer.writeBytes(element.cell.value)
            }
        }
        return buffer.bytes
    }
}
