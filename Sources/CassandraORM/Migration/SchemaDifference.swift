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

    /// Whether only dropping and recreating the table can apply the change (primary key,
    /// clustering order, column type or static changes).
    public var requiresRecreate: Bool {
        switch self {
        case .columnTypeChanged, .keyChanged, .clusteringOrderChanged: true
        case .columnMissing, .columnExtra, .indexMissing, .indexExtra, .indexChanged, .tableMissing: false
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
        }
    }
}
