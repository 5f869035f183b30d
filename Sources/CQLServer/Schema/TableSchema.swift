#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol

/// A table's definition: columns by role, options and indexes.
public struct TableSchema: Sendable, Hashable {
    /// The keyspace name.
    public var keyspace: String
    /// The table name.
    public var name: String
    /// The table id (`system_schema.tables.id`).
    public var id: UUID
    /// Every column, in declaration order.
    public private(set) var columns: [ColumnSchema]
    /// Indexes into ``columns`` of the partition-key columns, in key order.
    public private(set) var partitionKey: [Int] = []
    /// Indexes into ``columns`` of the clustering columns, in key order.
    public private(set) var clustering: [Int] = []
    /// Table options (`WITH …`) as CQL literal text, keyed by option name.
    public var options: [String: String]
    /// Secondary and storage-attached indexes on this table.
    public var indexes: [IndexDefinition]
    /// The base table and `WHERE` clause when this is a materialized view; `nil` for a table.
    public var view: ViewDefinition?
    /// The number of storage slots ever assigned (cells arrays are this long).
    public private(set) var slotCount = 0

    /// Creates a table (or, with `view`, materialized view) schema; derives key column
    /// positions from the columns' kinds.
    public init(keyspace: String, name: String, id: UUID = UUID(), columns: [ColumnSchema],
                options: [String: String] = [:], indexes: [IndexDefinition] = [], view: ViewDefinition? = nil) {
        self.keyspace = keyspace
        self.name = name
        self.id = id
        self.columns = columns
        for index in self.columns.indices {
            self.columns[index].slot = index
        }
        slotCount = columns.count
        self.options = options
        self.indexes = indexes
        self.view = view
        reindex()
    }

    private mutating func reindex() {
        partitionKey = columns.indices.filter { columns[$0].kind == .partitionKey }.sorted { columns[$0].position < columns[$1].position }
        clustering = columns.indices.filter { columns[$0].kind == .clustering }.sorted { columns[$0].position < columns[$1].position }
    }

    /// The index of the column named `name`, if any.
    public func columnIndex(named name: String) -> Int? {
        columns.firstIndex { $0.name == name }
    }

    /// The column named `name`, if any.
    public func column(named name: String) -> ColumnSchema? {
        columnIndex(named: name).map { columns[$0] }
    }

    /// Whether the table has static columns.
    public var hasStaticColumns: Bool { columns.contains { $0.kind == .staticColumn } }

    /// Whether the table is a counter table.
    public var isCounterTable: Bool { columns.contains { $0.isCounter } }

    /// Whether this is a materialized view.
    public var isView: Bool { view != nil }

    /// Whether a row lives only as long as its primary-key liveness (Cassandra's
    /// `enforceStrictLiveness`): true for views whose key holds a base non-key column, whose
    /// rows must vanish with that column's cell even when other cells are live.
    var enforcesStrictLiveness: Bool { view?.baseRegularKeyColumn != nil }

    /// Adds a regular or static column.
    public mutating func addColumn(_ column: ColumnSchema) {
        var column = column
        column.slot = slotCount
        slotCount += 1
        columns.append(column)
    }

    /// Removes a regular or static column by name. Data for it stays in storage but is no
    /// longer reachable, as in Cassandra until compaction.
    public mutating func dropColumn(named name: String) {
        columns.removeAll { $0.name == name }
        reindex()
    }

    /// Rewrites every column's type (used when a user-defined type is altered).
    public mutating func mapColumnTypes(_ transform: (CQLType) -> CQLType) {
        for index in columns.indices { columns[index].type = transform(columns[index].type) }
    }

    /// Renames a primary-key column (and, in a view, its mentions in the `WHERE` clause).
    public mutating func renameColumn(_ old: String, to new: String) {
        guard let index = columnIndex(named: old) else { return }
        columns[index].name = new
        view?.renameColumn(old, to: new)
    }

    /// The columns Cassandra returns for `SELECT *`: partition key, clustering, then the
    /// others in alphabetical order (static before regular is not distinguished).
    public var selectStarOrder: [Int] {
        let others = columns.indices.filter { !columns[$0].isPrimaryKey }.sorted { columns[$0].name < columns[$1].name }
        return partitionKey + clustering + others
    }
}
