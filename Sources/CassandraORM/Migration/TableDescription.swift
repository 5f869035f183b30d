/// A table's shape as `system_schema` describes it, or as a schema expects it: columns
/// with canonical types and key roles, and indexes with their targets.
struct TableDescription: Sendable, Hashable {
    struct Column: Sendable, Hashable {
        var name: String
        /// The canonical type text (see ``FieldType/normalized``).
        var type: String
        var kind: ResolvedSchema.Kind
        var position: Int
        var order: SortDirection
    }

    struct Index: Sendable, Hashable {
        var name: String
        var field: String
        var target: IndexDefinition.Target
        var isStorageAttached: Bool
    }

    var columns: [String: Column]
    var indexes: [String: Index]

    /// What `schema` expects.
    init(expected schema: ResolvedSchema) {
        var columns: [String: Column] = [:]
        for column in schema.columns.values {
            columns[column.name] = Column(name: column.name, type: column.type.normalized.description, kind: column.kind,
                                          position: column.position, order: column.kind == .clustering ? column.order : .asc)
        }
        self.columns = columns
        indexes = Dictionary(uniqueKeysWithValues: schema.indexes.map {
            ($0.name, Index(name: $0.name, field: $0.field, target: $0.target, isStorageAttached: $0.isStorageAttached))
        })
    }

    init(columns: [String: Column], indexes: [String: Index]) {
        self.columns = columns
        self.indexes = indexes
    }

    /// Builds a description from `system_schema.columns` and `system_schema.indexes` rows.
    /// - Parameters:
    ///   - columnRows: `(column_name, kind, position, type, clustering_order)`.
    ///   - indexRows: `(index_name, kind, options)`.
    /// - Returns: the description; types that fail to parse are kept verbatim.
    static func fromSystemSchema(columnRows: [(name: String, kind: String, position: Int, type: String, order: String)],
                                 indexRows: [(name: String, kind: String, options: [String: String])]) -> TableDescription {
        var columns: [String: Column] = [:]
        for row in columnRows {
            let type = (try? FieldType(parsing: row.type).normalized.description) ?? row.type
            let kind = ResolvedSchema.Kind(rawValue: row.kind) ?? .regular
            columns[row.name] = Column(name: row.name, type: type, kind: kind,
                                       position: kind == .partitionKey || kind == .clustering ? row.position : -1,
                                       order: row.order.lowercased() == "desc" ? .desc : .asc)
        }
        var indexes: [String: Index] = [:]
        for row in indexRows {
            let (field, target) = parseTarget(row.options["target"] ?? "")
            let isSAI = row.options["class_name"]?.hasSuffix("StorageAttachedIndex") ?? false
            indexes[row.name] = Index(name: row.name, field: field, target: target, isStorageAttached: isSAI)
        }
        return TableDescription(columns: columns, indexes: indexes)
    }

    /// Splits an index target (`email`, `keys(attributes)`, `"Quoted"`) into field and kind.
    static func parseTarget(_ text: String) -> (String, IndexDefinition.Target) {
        var target = IndexDefinition.Target.values
        var name = Substring(text)
        for candidate in [IndexDefinition.Target.keys, .entries, .full, .values] where name.hasPrefix(candidate.rawValue + "(") && name.hasSuffix(")") {
            target = candidate
            name = name.dropFirst(candidate.rawValue.count + 1).dropLast()
            break
        }
        if name.hasPrefix("\"") && name.hasSuffix("\"") && name.count >= 2 {
            name = Substring(name.dropFirst().dropLast().split(separator: "\"\"", omittingEmptySubsequences: false).joined(separator: "\""))
        }
        return (String(name), target)
    }
}

/// Compares a table with its schema: pure.
enum SchemaDiff {
    /// The differences between what `expected` describes and what exists.
    /// - Parameters:
    ///   - expected: from the schema.
    ///   - actual: from `system_schema`, or `nil` when the table does not exist.
    ///   - table: the table name.
    /// - Returns: the differences, columns first (by name), then indexes.
    static func compare(expected: TableDescription, actual: TableDescription?, table: String) -> [SchemaDifference] {
        guard let actual else { return [.tableMissing(table: table)] }
        var differences: [SchemaDifference] = []
        for name in Set(expected.columns.keys).union(actual.columns.keys).sorted() {
            switch (expected.columns[name], actual.columns[name]) {
            case (let wanted?, nil): differences.append(.columnMissing(name: name, type: wanted.type))
            case (nil, let existing?): differences.append(.columnExtra(name: name, type: existing.type))
            case (let wanted?, let existing?):
                if wanted.kind != existing.kind || wanted.position != existing.position {
                    differences.append(.keyChanged(name: name, expected: role(wanted), actual: role(existing)))
                } else if wanted.kind == .clustering, wanted.order != existing.order {
                    differences.append(.clusteringOrderChanged(name: name, expected: wanted.order, actual: existing.order))
                }
                if wanted.type != existing.type {
                    differences.append(.columnTypeChanged(name: name, expected: wanted.type, actual: existing.type))
                }
            case (nil, nil): break
            }
        }
        for name in Set(expected.indexes.keys).union(actual.indexes.keys).sorted() {
            switch (expected.indexes[name], actual.indexes[name]) {
            case (let wanted?, nil): differences.append(.indexMissing(name: name, field: wanted.field))
            case (nil, _?): differences.append(.indexExtra(name: name))
            case (let wanted?, let existing?) where wanted != existing: differences.append(.indexChanged(name: name))
            default: break
            }
        }
        return differences
    }

    private static func role(_ column: TableDescription.Column) -> String {
        switch column.kind {
        case .partitionKey: "partition key #\(column.position + 1)"
        case .clustering: "clustering column #\(column.position + 1)"
        case .regular: "a regular column"
        case .static: "a static column"
        }
    }
}
