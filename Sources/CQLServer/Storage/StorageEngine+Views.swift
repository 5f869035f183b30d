import CQLProtocol

/// Materialized view maintenance: every write to a base table goes through
/// ``applyMaintainingViews(_:table:now:)``, which applies it and merges the view changes
/// ``ViewUpdateGenerator`` derives from the affected base rows before and after.
///
/// The commit log records base mutations only; replay goes through the same path, so the
/// views are rebuilt exactly as they were maintained.
extension StorageEngine.State {
    /// Applies `mutation` to `table` at `now` (seconds) and brings `table`'s materialized
    /// views up to date.
    mutating func applyMaintainingViews(_ mutation: Mutation, table: TableSchema, now: Int64) {
        let views = keyspaces[table.keyspace]?.views(of: table.name) ?? []
        guard !views.isEmpty else {
            apply(mutation, table: table, now: now)
            return
        }
        let clusterings = affectedClusterings(of: mutation, table: table)
        let before = clusterings.map { stores[table.id]?.partition(mutation.partitionKey)?.image(at: $0, table: table) }
        apply(mutation, table: table, now: now)
        let partition = stores[table.id]?.partition(mutation.partitionKey)
        let after = clusterings.map { partition?.image(at: $0, table: table) ?? .empty(clustering: $0) }
        for view in views {
            guard var generator = ViewUpdateGenerator(view: view, base: table, now: now) else { continue }
            for index in clusterings.indices {
                generator.add(before: before[index], after: after[index], partitionKey: mutation.components)
            }
            for update in generator.updates { merge(update, into: view) }
        }
    }

    /// Fills the new view `view` from every row its base table `base` holds at `now`
    /// (Cassandra's view build, done at once under the lock).
    mutating func buildView(_ view: TableSchema, base: TableSchema, now: Int64) {
        guard let store = stores[base.id], var generator = ViewUpdateGenerator(view: view, base: base, now: now) else { return }
        for partition in store.partitions.values {
            for row in partition.rows {
                generator.add(before: nil, after: partition.image(of: row, table: base), partitionKey: partition.components)
            }
        }
        for update in generator.updates { merge(update, into: view) }
    }

    /// The clustering of every base row `mutation` can change: the rows it writes and, when
    /// it deletes the partition or ranges of it, every stored row of the partition.
    private func affectedClusterings(of mutation: Mutation, table: TableSchema) -> [[[UInt8]]] {
        var clusterings = mutation.rows.filter { !$0.isStatic }.map(\.clustering)
        if mutation.partitionDeletion != nil || !mutation.rangeDeletions.isEmpty,
           let partition = stores[table.id]?.partition(mutation.partitionKey) {
            clusterings += partition.rows.map(\.clustering)
        }
        var seen = Set<[[UInt8]]>()
        return clusterings.filter { seen.insert($0).inserted }
    }

    /// Merges one view row change into the view's storage.
    private mutating func merge(_ update: ViewUpdateGenerator.RowUpdate, into view: TableSchema) {
        let key = PartitionKeyEncoding.routingKey(update.partitionKey)
        let columnCount = view.slotCount
        let comparator = ClusteringComparator(table: view)
        stores[view.id, default: TableStore()].withPartition(
            key: key, components: update.partitionKey, token: Murmur3Partitioner.token(for: key), columnCount: columnCount
        ) { partition in
            partition.withRow(update.clustering, isStatic: false, columnCount: columnCount, comparator: comparator) { row in
                if let deletion = update.deletion { row.deletedAt = max(row.deletedAt, deletion) }
                if let liveness = update.liveness, row.liveness.map({ $0.timestamp <= liveness.timestamp }) ?? true {
                    row.liveness = liveness
                }
                for (slot, data) in update.cells where slot < columnCount {
                    let type = view.columns.first { $0.slot == slot }?.type
                    row.merge(data, slot: slot, pathOrder: Self.pathOrder(for: type))
                }
            }
        }
    }
}
