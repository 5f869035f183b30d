/// A validated materialized view: the view read like a table (its own ``ResolvedSchema``),
/// plus what its DDL and the comparison with `system_schema.views` need.
///
/// Validation follows Cassandra's `CreateViewStatement`, so that a schema the ORM accepts
/// is a view the server creates: the key holds every primary-key field of the table and at
/// most one other field, no key field is a non-frozen collection or user-defined type, a
/// `duration` or static; static fields are never selected; filters restrict the table's
/// primary-key fields only.
struct ResolvedView: Sendable {
    /// One `WHERE` relation: a field, then the rest of the relation (`IS NOT NULL`, `>= 3`,
    /// `IN ('a', 'b')`) with its literals already written.
    struct Relation: Sendable, Hashable {
        var field: String
        var rest: String

        /// The relation with `field` written by `quote`.
        func text(quoting quote: (String) -> String) -> String { "\(quote(field)) \(rest)" }
    }

    /// The view name.
    let name: String
    /// The base table's name.
    let base: String
    /// Whether the view selects every field of the table (`SELECT *`).
    let selectsAll: Bool
    /// The view as a table: its key fields, then the other selected fields, with the view's
    /// key roles and clustering order.
    let schema: ResolvedSchema
    /// The `WHERE` clause: `IS NOT NULL` for every view key field, then the filters.
    let relations: [Relation]

    /// Operators a filter may use (the ones Cassandra accepts on primary-key fields of a view).
    private static let filterOperators: Set<Operator> = [.eq, .in, .gt, .gte, .lt, .lte]

    /// Validates `definition` against its table `base`.
    /// - Throws: ``ORMError/Code/invalidIdentifier`` for a malformed name and
    ///   ``ORMError/Code/invalidSchema`` for everything Cassandra would refuse.
    init(name: String, definition: MaterializedViewDefinition, base: ResolvedSchema) throws(ORMError) {
        func invalid(_ message: String, field: String? = nil) -> ORMError {
            ORMError(.invalidSchema, "materialized view '\(name)': \(message)", table: base.table, field: field)
        }
        _ = try Identifier.validated(name, "materialized view")
        if name == base.table { throw invalid("a view cannot have the name of its table") }
        if let field = base.uniqueFields.first(where: { UniqueLookup.tableName(owner: base.table, field: $0) == name }) {
            throw invalid("the name is taken by the lookup table of unique field '\(field)'; choose another name", field: field)
        }
        if base.isCounterTable { throw invalid("Cassandra does not support materialized views of counter tables") }

        let key = try Self.key(definition.key, invalid: invalid)
        let keyColumns = key.partition + key.clustering
        for field in keyColumns {
            guard let column = base.columns[field] else {
                throw invalid("the key names '\(field)', which is not a field of '\(base.table)'", field: field)
            }
            if column.kind == .static { throw invalid("static field '\(field)' cannot be in a view key", field: field) }
            let type = column.type
            if type.isMultiCellCollection || type == .native("duration") {
                throw invalid("'\(field)' (\(type)) cannot be in a view key; key fields must be frozen and not durations", field: field)
            }
            if case .userDefined = type { throw invalid("'\(field)' is a non-frozen user-defined type; use frozen<…> to key a view by it", field: field) }
        }
        let missing = base.primaryKey.filter { !keyColumns.contains($0) }
        if !missing.isEmpty {
            throw invalid("the key must hold every primary key field of '\(base.table)'; add \(missing.map { "'\($0)'" }.joined(separator: ", "))",
                          field: missing[0])
        }
        let extra = keyColumns.filter { !base.primaryKey.contains($0) }
        if extra.count > 1 {
            throw invalid("the key may hold at most one field outside the primary key of '\(base.table)'; it holds \(extra.map { "'\($0)'" }.joined(separator: ", "))",
                          field: extra[1])
        }
        for field in definition.clusteringOrder.keys.sorted() where !key.clustering.contains(field) {
            throw invalid("clusteringOrder names '\(field)', which is not a clustering field of the view", field: field)
        }

        var selected = keyColumns
        switch definition.select {
        case .all:
            let statics = base.orderedColumns.filter { base.columns[$0]!.kind == .static }
            if !statics.isEmpty {
                throw invalid("'\(base.table)' has static fields (\(statics.joined(separator: ", "))), which views cannot copy; list the fields to select",
                              field: statics[0])
            }
            selected += base.orderedColumns.filter { !keyColumns.contains($0) }
        case .fields(let fields):
            for field in fields {
                guard let column = base.columns[field] else {
                    throw invalid("select names '\(field)', which is not a field of '\(base.table)'", field: field)
                }
                if column.kind == .static { throw invalid("static field '\(field)' cannot be selected", field: field) }
            }
            selected += Set(fields).subtracting(keyColumns).sorted()
        }

        var relations = keyColumns.map { Relation(field: $0, rest: "IS NOT NULL") }
        relations += try Self.filters(definition.filters, base: base, invalid: invalid)

        let fields = Dictionary(uniqueKeysWithValues: selected.map { ($0, FieldDefinition(type: base.columns[$0]!.type.description)) })
        var viewKey: [KeyPart] = [.composite(key.partition)]
        viewKey += key.clustering.map(KeyPart.column)
        self.name = name
        self.base = base.table
        selectsAll = definition.select == .all
        schema = try ResolvedSchema(ModelSchema(name, fields: fields, key: viewKey, clusteringOrder: definition.clusteringOrder))
        self.relations = relations
    }

    /// The partition and clustering fields of a view key.
    private static func key(_ parts: [KeyPart], invalid: (String, String?) -> ORMError) throws(ORMError)
        -> (partition: [String], clustering: [String]) {
        guard let first = parts.first, !first.columns.isEmpty else { throw invalid("the key is empty; name at least one partition key field", nil) }
        var clustering: [String] = []
        for part in parts.dropFirst() {
            guard case .column(let field) = part else { throw invalid("only the first key element may be a composite partition key", nil) }
            clustering.append(field)
        }
        let all = first.columns + clustering
        if let duplicate = all.first(where: { field in all.filter { $0 == field }.count > 1 }) {
            throw invalid("the key names '\(duplicate)' twice", duplicate)
        }
        return (first.columns, clustering)
    }

    /// The filter relations, in ``QueryParser`` order, with their literals written.
    private static func filters(_ query: [String: ORMValue], base: ResolvedSchema, invalid: (String, String?) -> ORMError) throws(ORMError)
        -> [Relation] {
        let restrictions: [Restriction]
        do { restrictions = try QueryParser.restrictions(query, table: base.table) } catch {
            throw invalid("filters: \(error.message)", error.field)
        }
        return try restrictions.map { restriction throws(ORMError) in
            let field = restriction.field
            guard !restriction.isToken, filterOperators.contains(restriction.op) else {
                throw invalid("filters support $eq, $in, $gt, $gte, $lt and $lte, not \(restriction.isToken ? "$token" : restriction.op.rawValue)", field)
            }
            guard let column = base.columns[field], column.kind == .partitionKey || column.kind == .clustering else {
                throw invalid("filters may restrict only primary key fields of '\(base.table)' (Cassandra's rule for views); '\(field)' is not one", field)
            }
            let values = restriction.op == .in ? restriction.value.listValue ?? [] : [restriction.value]
            var literals: [String] = []
            for value in values {
                guard let literal = CQLLiteral.text(value, as: column.type) else {
                    throw invalid("the filter value of '\(field)' is not a literal of type \(column.type) (NULL, non-finite and collection values cannot filter a view)", field)
                }
                // Cassandra prints string constants of `where_clause` without escaping quotes, so
                // a view filtered by one could never compare equal to its schema.
                if literal.hasPrefix("'"), literal.dropFirst().dropLast().contains("'") {
                    throw invalid("the filter value of '\(field)' contains a single quote, which system_schema.views cannot report faithfully", field)
                }
                literals.append(literal)
            }
            if restriction.op == .in {
                guard !literals.isEmpty else { throw invalid("$in on '\(field)' needs at least one value", field) }
                return Relation(field: field, rest: "IN (\(literals.joined(separator: ", ")))")
            }
            return Relation(field: field, rest: "\(restriction.op.cql) \(literals[0])")
        }
    }
}
