/// One way a table in the database differs from its model schema.
public enum SchemaDifference: Sendable, Hashable, CustomStringConvertible {
    /// The table does not exist.
    case tableMissing(table: String)
    /// The schema has a field the table lacks.
    case columnMissing(name: String, type: String)
    /// The table has a column the schema lacks.
    case columnExtra(name: String, type: String)
    /// A column's type differs.
    case columnTypeChanged(name: String, expected: String, actual: String)
    /// A column's role (partition key, clustering, regular, static) or key position differs.
    case keyChanged(name: String, expected: String, actual: String)
    /// A clustering column's order differs.
    case clusteringOrderChanged(name: String, expected: SortDirection, actual: SortDirection)
    /// The schema has an index the table lacks.
    case indexMissing(name: String, field: String)
    /// The table has an index the schema lacks.
    case indexExtra(name: String)
    /// An index of that name exists but indexes something else.
    case indexChanged(name: String)
    /// The schema has a materialized view the table lacks.
    case viewMissing(name: String)
    /// The table has a materialized view the schema lacks.
    case viewExtra(name: String)
    /// A view selects other fields: `*` or the field names, sorted.
    case viewColumnsChanged(name: String, expected: String, actual: String)
    /// A view's primary key differs, written `((partition, …), clustering, …)`.
    case viewKeyChanged(name: String, expected: String, actual: String)
    /// A view's clustering column has another order.
    case viewClusteringOrderChanged(name: String, column: String, expected: SortDirection, actual: SortDirection)
    /// A view's `WHERE` clause differs (as Cassandra prints it, without identifier quotes).
    case viewFilterChanged(name: String, expected: String, actual: String)

    /// Whether only dropping and recreating the table can apply the change (primary key,
    /// clustering order, column type or static changes). A changed view is dropped and
    /// recreated on its own, which ``MigrationMode/alter`` does.
    public var requiresRecreate: Bool {
        switch self {
        case .columnTypeChanged, .keyChanged, .clusteringOrderChanged: true
        case .columnMissing, .columnExtra, .indexMissing, .indexExtra, .indexChanged, .tableMissing, .viewMissing, .viewExtra,
             .viewColumnsChanged, .viewKeyChanged, .viewClusteringOrderChanged, .viewFilterChanged: false
        }
    }

    /// The materialized view the difference is about, if any.
    public var view: String? {
        switch self {
        case .viewMissing(let name), .viewExtra(let name), .viewColumnsChanged(let name, _, _), .viewKeyChanged(let name, _, _),
             .viewClusteringOrderChanged(let name, _, _, _), .viewFilterChanged(let name, _, _): name
        default: nil
        }
    }

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .tableMissing(let table): "table '\(table)' does not exist"
        case .columnMissing(let name, let type): "column '\(name)' (\(type)) is missing"
        case .columnExtra(let name, let type): "column '\(name)' (\(type)) is not in the schema"
        case .columnTypeChanged(let name, let expected, let actual): "column '\(name)' is \(actual), the schema says \(expected)"
        case .keyChanged(let name, let expected, let actual): "column '\(name)' is \(actual), the schema says \(expected)"
        case .clusteringOrderChanged(let name, let expected, let actual):
            "clustering column '\(name)' is \(actual.rawValue), the schema says \(expected.rawValue)"
        case .indexMissing(let name, let field): "index '\(name)' on '\(field)' is missing"
        case .indexExtra(let name): "index '\(name)' is not in the schema"
        case .indexChanged(let name): "index '\(name)' indexes something else than the schema says"
        case .viewMissing(let name): "materialized view '\(name)' is missing"
        case .viewExtra(let name): "materialized view '\(name)' is not in the schema"
        case .viewColumnsChanged(let name, let expected, let actual):
            "materialized view '\(name)' selects \(actual), the schema says \(expected)"
        case .viewKeyChanged(let name, let expected, let actual):
            "materialized view '\(name)' has primary key \(actual), the schema says \(expected)"
        case .viewClusteringOrderChanged(let name, let column, let expected, let actual):
            "clustering column '\(column)' of materialized view '\(name)' is \(actual.rawValue), the schema says \(expected.rawValue)"
        case .viewFilterChanged(let name, let expected, let actual):
            "materialized view '\(name)' has WHERE \(actual), the schema says \(expected)"
        }
    }
}
