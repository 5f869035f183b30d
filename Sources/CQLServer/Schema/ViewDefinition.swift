#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What makes a table a materialized view, as recorded in `system_schema.views`
/// (Cassandra's `ViewMetadata`): its base table, whether it selects every base column, and
/// its `WHERE` clause.
///
/// The view's own columns, key and options are those of the ``TableSchema`` that carries
/// this definition; every view column has the name of the base column it copies.
public struct ViewDefinition: Sendable, Hashable {
    /// The base table's id (`base_table_id`).
    public var baseTableID: UUID
    /// The base table's name (`base_table_name`); the base lives in the view's keyspace.
    public var baseTableName: String
    /// Whether the view was created with `SELECT *` (`include_all_columns`): columns later
    /// added to the base are added to the view too.
    public var includesAllColumns: Bool
    /// The `WHERE` relations: `IS NOT NULL` on key columns, and restrictions on base
    /// primary-key columns that filter which base rows appear.
    public var whereClause: [Relation]
    /// The base table's non-primary-key column that is part of the view's primary key, if
    /// any. Its cell decides whether a view row exists (Cassandra's strict liveness).
    public var baseRegularKeyColumn: String?
    /// The `WHERE` restrictions other than `IS NOT NULL`, evaluated against the base table
    /// when the view was created; a base row appears in the view only if it passes them all.
    var filter: [KeyRestrictions.Restriction] = []

    /// Creates a view definition.
    public init(baseTableID: UUID, baseTableName: String, includesAllColumns: Bool, whereClause: [Relation], baseRegularKeyColumn: String?) {
        self.baseTableID = baseTableID
        self.baseTableName = baseTableName
        self.includesAllColumns = includesAllColumns
        self.whereClause = whereClause
        self.baseRegularKeyColumn = baseRegularKeyColumn
    }

    /// The `where_clause` text: the relations joined by ` AND `, as Cassandra prints them.
    public var whereClauseText: String {
        whereClause.map(\.cqlText).joined(separator: " AND ")
    }

    /// Follows a base primary-key column rename into the `WHERE` clause and the filter.
    mutating func renameColumn(_ old: String, to new: String) {
        for index in filter.indices {
            if filter[index].column.name == old { filter[index].column.name = new }
            for tupleIndex in filter[index].tupleColumns.indices where filter[index].tupleColumns[tupleIndex].name == old {
                filter[index].tupleColumns[tupleIndex].name = new
            }
        }
        func renamed(_ identifier: Identifier) -> Identifier { identifier.name == old ? Identifier(new) : identifier }
        for index in whereClause.indices {
            switch whereClause[index].target {
            case .column(let column): whereClause[index].target = .column(renamed(column))
            case .element(let column, let key): whereClause[index].target = .element(renamed(column), key: key)
            case .token(let columns): whereClause[index].target = .token(columns.map(renamed))
            case .columns(let columns): whereClause[index].target = .columns(columns.map(renamed))
            }
        }
    }
}
