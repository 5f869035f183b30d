import CQLProtocol

/// Computes what a materialized view must change when base rows change, from each base row
/// before and after a write, with the rules of Cassandra's `ViewUpdateGenerator`:
///
/// - A view row exists for a base row that has live data (or, when the view key holds a base
///   non-key column, a live cell in that column) and passes the view's `WHERE` filter.
/// - View cells are the base cells, copied with their own timestamps, TTLs and expiry, so a
///   view row expires with its base row and reconciles the same way.
/// - The view row's liveness is the base row's, or the key column cell's when the view key
///   holds a base non-key column, or (when some base columns are not selected) the newest
///   live unselected cell's, so that the row lives as long as the base row does.
/// - When the base non-key column in the view key changes, the old view row is ended with
///   an expired liveness at the old cell's timestamp (or the base deletion), and the new one
///   is written; base row, range and partition deletions are copied as row deletions.
struct ViewUpdateGenerator {
    /// One view row change: key, liveness, deletion and cells to merge.
    struct RowUpdate: Sendable {
        /// The view partition-key values.
        var partitionKey: [[UInt8]]
        /// The view clustering values.
        var clustering: [[UInt8]]
        /// Primary-key liveness to merge, if any.
        var liveness: RowLiveness?
        /// A row deletion to merge, if any.
        var deletion: Int64?
        /// Copied base cells by view slot.
        var cells: [(slot: Int, data: ColumnData)]
    }

    /// Where a view primary-key value comes from in the base row.
    private enum KeySource {
        case partitionKey(Int)
        case clustering(Int)
        case regular(slot: Int)
    }

    private enum Action {
        case none, newEntry, deleteOld, updateExisting, switchEntry
    }

    /// The base table.
    let base: TableSchema
    /// The time of the write, in seconds.
    let now: Int64
    /// The updates generated so far, in order.
    private(set) var updates: [RowUpdate] = []

    private let definition: ViewDefinition
    private let partitionKeySources: [KeySource]
    private let clusteringSources: [KeySource]
    private let copiedSlots: [(base: Int, view: Int)]
    private let unselectedSlots: [Int]
    private let regularKeySlot: Int?
    private let regularKeyType: CQLType?

    /// Prepares to generate updates of `view` for a write to its base table `base` at `now`;
    /// `nil` when `view` is not a view of `base`.
    init?(view: TableSchema, base: TableSchema, now: Int64) {
        guard let definition = view.view, definition.baseTableName == base.name else { return nil }
        var sources: [String: KeySource] = [:]
        for column in base.columns {
            switch column.kind {
            case .partitionKey: sources[column.name] = .partitionKey(column.position)
            case .clustering: sources[column.name] = .clustering(column.position)
            case .regular, .staticColumn: sources[column.name] = .regular(slot: column.slot)
            }
        }
        var partitionKeySources: [KeySource] = []
        var clusteringSources: [KeySource] = []
        for index in view.partitionKey + view.clustering {
            guard let source = sources[view.columns[index].name] else { return nil }
            if view.columns[index].kind == .partitionKey { partitionKeySources.append(source) } else { clusteringSources.append(source) }
        }
        self.definition = definition
        self.base = base
        self.now = now
        self.partitionKeySources = partitionKeySources
        self.clusteringSources = clusteringSources
        copiedSlots = view.columns.filter { !$0.isPrimaryKey }.compactMap { column in
            base.column(named: column.name).map { (base: $0.slot, view: column.slot) }
        }
        unselectedSlots = base.columns.filter { $0.kind == .regular && view.column(named: $0.name) == nil }.map(\.slot)
        let regularKey = definition.baseRegularKeyColumn.flatMap { base.column(named: $0) }
        regularKeySlot = regularKey?.slot
        regularKeyType = regularKey?.type
    }

    /// Adds the view changes for one base row of the partition with `partitionKey` values,
    /// given its image before the write (`nil` when it did not exist) and after it.
    mutating func add(before: RowImage?, after: RowImage, partitionKey: [[UInt8]]) {
        guard matchesFilter(partitionKey: partitionKey, clustering: after.clustering) else { return }
        switch action(before: before, after: after) {
        case .none:
            return
        case .newEntry:
            write(after, partitionKey: partitionKey, cells: copiedCells(of: after, differingFrom: nil))
        case .updateExisting:
            write(after, partitionKey: partitionKey, cells: copiedCells(of: after, differingFrom: before))
        case .deleteOld:
            if let before { end(before, after: after, partitionKey: partitionKey) }
        case .switchEntry:
            write(after, partitionKey: partitionKey, cells: copiedCells(of: after, differingFrom: nil))
            if let before { end(before, after: after, partitionKey: partitionKey) }
        }
    }

    /// Whether the base row passes the view's `WHERE` restrictions (all on base primary-key
    /// columns, so they hold or fail alike before and after a write).
    private func matchesFilter(partitionKey: [[UInt8]], clustering: [[UInt8]]) -> Bool {
        guard !definition.filter.isEmpty else { return true }
        let row = ResolvedRow(partitionKey: partitionKey, clustering: clustering, values: [], token: 0)
        return RowFilter(table: base, restrictions: definition.filter).matches(row)
    }

    private func isLive(_ cell: Cell?) -> Bool {
        cell?.isLive(now: now) == true
    }

    /// Cassandra's `updateAction`.
    private func action(before: RowImage?, after: RowImage) -> Action {
        guard let slot = regularKeySlot, let type = regularKeyType else {
            let existed = before?.hasLiveData(now: now) == true
            let exists = after.hasLiveData(now: now)
            switch (existed, exists) {
            case (false, false): return .none
            case (false, true): return .newEntry
            case (true, false): return .deleteOld
            case (true, true): return .updateExisting
            }
        }
        let old = before?.cell(slot: slot)
        let new = after.cell(slot: slot)
        if old == new { return isLive(old) ? .updateExisting : .none }
        guard isLive(old) else { return isLive(new) ? .newEntry : .none }
        guard let oldValue = old?.value, let newValue = new?.value, isLive(new) else { return .deleteOld }
        return ValueComparator.compare(oldValue[...], newValue[...], as: type) == 0 ? .updateExisting : .switchEntry
    }

    /// Writes the view row of `image`: liveness, deletion and `cells`.
    private mutating func write(_ image: RowImage, partitionKey: [[UInt8]], cells: [(slot: Int, data: ColumnData)]) {
        guard let key = viewKey(of: image, partitionKey: partitionKey) else { return }
        updates.append(RowUpdate(partitionKey: key.partitionKey, clustering: key.clustering, liveness: liveness(of: image),
                                 deletion: image.deletion == .min ? nil : image.deletion, cells: cells))
    }

    /// Ends the view row `before` mapped to (Cassandra's `deleteOldEntryInternal`): an expired
    /// liveness when the deletion timestamp comes from the key column or an unselected
    /// column, the base deletion, and the cells that changed.
    private mutating func end(_ before: RowImage, after: RowImage, partitionKey: [[UInt8]]) {
        guard let key = viewKey(of: before, partitionKey: partitionKey) else { return }
        let timestamp = deletionTimestamp(before: before, after: after)
        let liveness = timestamp > after.deletion ? RowLiveness.expired(timestamp: timestamp, now: now) : nil
        updates.append(RowUpdate(partitionKey: key.partitionKey, clustering: key.clustering, liveness: liveness,
                                 deletion: after.deletion == .min ? nil : after.deletion,
                                 cells: copiedCells(of: after, differingFrom: before)))
    }

    /// The view primary key of a base row; `nil` when the base non-key column in it is null.
    private func viewKey(of image: RowImage, partitionKey: [[UInt8]]) -> (partitionKey: [[UInt8]], clustering: [[UInt8]])? {
        func value(_ source: KeySource) -> [UInt8]? {
            switch source {
            case .partitionKey(let position): position < partitionKey.count ? partitionKey[position] : nil
            case .clustering(let position): position < image.clustering.count ? image.clustering[position] : nil
            case .regular(let slot): image.cell(slot: slot)?.value
            }
        }
        var viewPartitionKey: [[UInt8]] = []
        for source in partitionKeySources {
            guard let bytes = value(source) else { return nil }
            viewPartitionKey.append(bytes)
        }
        var viewClustering: [[UInt8]] = []
        for source in clusteringSources {
            guard let bytes = value(source) else { return nil }
            viewClustering.append(bytes)
        }
        return (viewPartitionKey, viewClustering)
    }

    /// The selected base cells of `image` under their view slots; with `before`, only those
    /// that differ from it.
    private func copiedCells(of image: RowImage, differingFrom before: RowImage?) -> [(slot: Int, data: ColumnData)] {
        copiedSlots.compactMap { slots in
            guard let data = image.data(slot: slots.base), data != before?.data(slot: slots.base) else { return nil }
            return (slots.view, data)
        }
    }

    /// Cassandra's `computeLivenessInfoForEntry`.
    private func liveness(of image: RowImage) -> RowLiveness? {
        if let slot = regularKeySlot {
            return image.cell(slot: slot).map { RowLiveness(timestamp: $0.timestamp, ttl: $0.ttl, expiresAt: $0.expiresAt) }
        }
        if definition.includesAllColumns { return image.liveness }
        var timestamp = image.liveness?.timestamp ?? .min
        var hasNonExpiringCell = false
        var longestExpiring: Cell?
        for slot in unselectedSlots {
            for cell in image.allCells(slot: slot) where cell.isLive(now: now) {
                timestamp = max(timestamp, cell.timestamp)
                if cell.expiresAt == 0 {
                    hasNonExpiringCell = true
                } else if longestExpiring.map({ cell.expiresAt > $0.expiresAt }) ?? true {
                    longestExpiring = cell
                }
            }
        }
        let baseLive = image.liveness?.isLive(now: now, deletion: image.deletion) == true
        if (baseLive && image.liveness?.expiresAt == 0) || hasNonExpiringCell {
            return RowLiveness(timestamp: timestamp, ttl: 0, expiresAt: 0)
        }
        guard let longestExpiring else { return image.liveness }
        if !baseLive || longestExpiring.expiresAt > image.liveness?.expiresAt ?? 0 {
            return RowLiveness(timestamp: timestamp, ttl: longestExpiring.ttl, expiresAt: longestExpiring.expiresAt)
        }
        return image.liveness
    }

    /// Cassandra's `computeTimestampForEntryDeletion`.
    private func deletionTimestamp(before: RowImage, after: RowImage) -> Int64 {
        if let slot = regularKeySlot {
            guard let cell = before.cell(slot: slot), cell.timestamp > after.deletion else { return after.deletion }
            return cell.timestamp
        }
        var timestamp = max(after.deletion, before.liveness?.timestamp ?? .min)
        if definition.includesAllColumns { return timestamp }
        for slot in unselectedSlots {
            for cell in before.allCells(slot: slot) { timestamp = max(timestamp, cell.timestamp) }
        }
        return timestamp
    }
}
