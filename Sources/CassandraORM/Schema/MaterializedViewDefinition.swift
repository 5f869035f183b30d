/// A materialized view of a model's table, in the shape of express-cassandra's
/// `materialized_views` entries: the fields it copies, its own primary key, clustering order
/// and optional filters. Read it with ``Model/view(_:)`` (or ``TypedModel/view(_:)``); it
/// offers no writes, Cassandra keeps it in step with the table.
///
/// ```swift
/// ModelSchema("scores",
///     fields: ["game": "text", "season": "int", "player": "text", "points": "int"],
///     key: [["game", "season"], "player"],
///     materializedViews: [
///         "scores_by_points": .init(select: ["points"], key: [["game", "season"], "points", "player"],
///                                   clusteringOrder: ["points": .desc]),
///         "recent_scores_by_player": .init(key: ["player", "game", "season"],
///                                          filters: ["season": ["$gte": 2024]]),
///     ])
/// ```
///
/// The view key must hold every primary-key field of the table and at most one other field
/// (Cassandra's rule); its fields are always selected. The ORM writes `IS NOT NULL` for every
/// view key field, so rows whose view key field is NULL are not in the view. `filters` add
/// restrictions on the table's primary-key fields (the only other restrictions Cassandra
/// accepts), written into the view's `WHERE` clause as literals. Views of counter tables,
/// static fields, and key fields that are non-frozen collections or durations are refused
/// when the schema loads.
///
/// ## Migrations
///
/// Views are part of their table's ``MigrationPlan``: created after the table, compared with
/// `system_schema.views` (selected fields, key, clustering order, `WHERE` clause).
/// ``MigrationMode/safe`` refuses any difference, including a view of the table that the
/// schema no longer declares, exactly as it refuses undeclared columns and indexes;
/// ``MigrationMode/alter`` and ``MigrationMode/drop`` create missing views, drop and recreate
/// changed ones (a view cannot be altered), drop undeclared ones, and drop every view of
/// the table before a column or the table itself is dropped, recreating them afterwards.
///
/// Cassandra 4 and 5 disable views unless `cassandra.yaml` enables them; creating one then
/// fails with ``ORMError/Code/materializedViewsDisabled``.
public struct MaterializedViewDefinition: Sendable, Hashable {
    /// The fields a view copies from its table.
    public enum Selection: Sendable, Hashable, ExpressibleByArrayLiteral {
        /// Every field of the table (`SELECT *`): fields added to the table later are added
        /// to the view too.
        case all
        /// These fields, plus the view key fields.
        case fields([String])

        /// These fields; `["*"]` (express-cassandra's spelling) is ``all``.
        public init(arrayLiteral elements: String...) {
            self = elements == ["*"] ? .all : .fields(elements)
        }
    }

    /// The fields the view copies.
    public var select: Selection
    /// The view's primary key: partition key first (an array for a composite one), then
    /// clustering fields.
    public var key: [KeyPart]
    /// The order of the view's clustering fields; ascending when absent.
    public var clusteringOrder: [String: SortDirection]
    /// Extra `WHERE` restrictions on the table's primary-key fields, as a query object
    /// (`["day": ["$gte": 20240101]]`; `$eq $in $gt $gte $lt $lte`, combined with `$and`).
    /// Values are text, numbers, booleans, UUIDs, timestamps, blobs or inet addresses; text
    /// without single quotes (Cassandra reports those unescaped in `system_schema.views`).
    public var filters: [String: ORMValue]

    /// Creates a view definition.
    /// - Parameters:
    ///   - select: the fields to copy; every field by default.
    ///   - key: the view's primary key.
    ///   - clusteringOrder: clustering directions.
    ///   - filters: restrictions on the table's primary-key fields.
    public init(select: Selection = .all, key: [KeyPart], clusteringOrder: [String: SortDirection] = [:],
                filters: [String: ORMValue] = [:]) {
        self.select = select
        self.key = key
        self.clusteringOrder = clusteringOrder
        self.filters = filters
    }
}
