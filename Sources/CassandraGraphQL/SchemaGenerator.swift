/// Generates the SDL of the models' GraphQL API. ``CassandraGraphQL`` builds its executable
/// schema from exactly this text, so the SDL a client downloads is the schema that runs.
///
/// Root fields are nullable, so that one failing field (reported in `errors`) leaves the
/// others' data in place; in particular the outcome of each mutation of a document stays
/// visible when a later one fails.
///
/// The text is in the form `printSchema` prints (the order of this generator, two-space
/// indentation, block-string descriptions), so printing the executable schema gives it back.
public enum SchemaGenerator {
    /// The names the generator defines besides the models' own types.
    static let sharedTypeNames: Set<String> = Set(["Query", "Mutation", "Subscription", "SortDirection", "MapFilter", "String", "Int",
                                                   "Float", "Boolean", "ID"] + CustomScalar.all.map(\.name))

    /// The SDL for `models`.
    /// - Parameter models: the models, each once.
    /// - Returns: the SDL text.
    /// - Throws: ``GraphQLServiceError/Code/invalidSchema`` when no model is given, when two
    ///   models share a table or a type name, or when a generated name clashes with another.
    public static func sdl(for models: [ModelDescription]) throws(GraphQLServiceError) -> String {
        guard !models.isEmpty else {
            throw GraphQLServiceError(.invalidSchema, "describe at least one model")
        }
        try checkNames(models)
        let models = models.sorted { $0.typeName < $1.typeName }
        var blocks: [String] = []
        blocks.append(block("type Query", models.flatMap(queryFields)))
        let mutations = models.flatMap(mutationFields)
        if !mutations.isEmpty { blocks.append(block("type Mutation", mutations)) }
        for model in models { blocks += modelTypes(model) }
        if models.contains(where: { !$0.clustering.isEmpty }) {
            blocks.append(description("A sort direction.") + block("enum SortDirection", ["  ASC", "  DESC"]))
        }
        var filters: Set<ColumnMapping.Filter> = []
        for model in models { for column in model.columns { if let filter = column.mapping.filter { filters.insert(filter) } } }
        for filter in filters.sorted(by: { $0.typeName < $1.typeName }) { blocks.append(filterType(filter)) }
        for scalar in CustomScalar.all { blocks.append(description(scalar.description) + "scalar \(scalar.name)") }
        return blocks.joined(separator: "\n\n")
    }

    private static func checkNames(_ models: [ModelDescription]) throws(GraphQLServiceError) {
        var owners: [String: String] = [:]
        var tables: Set<String> = []
        for model in models {
            guard tables.insert(model.table).inserted else {
                throw GraphQLServiceError(.invalidSchema, "table '\(model.table)' is described twice", path: model.table)
            }
            for name in model.definedTypeNames {
                if sharedTypeNames.contains(name) {
                    throw GraphQLServiceError(.invalidSchema, "type name '\(name)' is reserved by the generated schema; pass another typeName",
                                              path: model.table)
                }
                if let other = owners[name] {
                    throw GraphQLServiceError(.invalidSchema, "tables '\(other)' and '\(model.table)' both define type '\(name)'; pass typeName",
                                              path: model.table)
                }
                owners[name] = model.table
            }
        }
    }

    // MARK: Root fields

    private static func keyArguments(_ model: ModelDescription) -> String {
        model.primaryKey.map { "\($0.graphQLName): \($0.mapping.type)!" }.joined(separator: ", ")
    }

    private static func queryFields(_ model: ModelDescription) -> [String] {
        let orderBy = model.clustering.isEmpty ? "" : ", orderBy: [\(model.orderType)!]"
        return [
            description("Reads the row of \(model.table) with this primary key; null when there is none.", indent: true)
                + "  \(model.getField)(\(keyArguments(model))): \(model.typeName)",
            description("""
                Lists rows of \(model.table): one page of at most pageSize rows (the server's page size when absent) \
                and the cursor of the next one. allowFiltering permits filters Cassandra can only apply by scanning.
                """, indent: true)
                + "  \(model.listField)(where: \(model.filterType)\(orderBy), limit: Int, allowFiltering: Boolean = false, "
                + "pageSize: Int, cursor: String): \(model.pageType)",
        ]
    }

    private static func mutationFields(_ model: ModelDescription) -> [String] {
        guard model.allowsMutations else { return [] }
        var fields: [String] = []
        if !model.isCounterTable {
            fields.append(description("Inserts (or overwrites) a row of \(model.table); with ifNotExists, only when it does not exist.",
                                      indent: true)
                + "  \(model.createField)(input: \(model.createInputType)!, ifNotExists: Boolean = false, ttl: Int): \(model.mutationResultType)")
            if !model.writableColumns.filter({ $0.role == .regular }).isEmpty {
                fields.append(description("Sets columns of the row of \(model.table) with this primary key; null clears a column.",
                                          indent: true)
                    + "  \(model.updateField)(\(keyArguments(model)), set: \(model.updateInputType)!, ifExists: Boolean = false, ttl: Int): "
                    + "\(model.mutationResultType)")
            }
        }
        fields.append(description("Deletes the row of \(model.table) with this primary key.", indent: true)
            + "  \(model.deleteField)(\(keyArguments(model)), ifExists: Boolean = false): \(model.mutationResultType)")
        return fields
    }

    // MARK: Model types

    private static func modelTypes(_ model: ModelDescription) -> [String] {
        var blocks: [String] = []
        blocks.append(description("A row of the table \(model.table).") + block("type \(model.typeName)", model.columns.map { column in
            "  \(column.graphQLName): \(column.mapping.type)" + (column.role == .regular ? "" : "!")
        }))
        blocks.append(description("One page of \(model.typeName) rows; cursor is null after the last page.")
            + block("type \(model.pageType)", ["  items: [\(model.typeName)!]!", "  cursor: String"]))
        if model.allowsMutations {
            blocks.append(description("The outcome of a mutation: applied is false when its condition failed; record is the row read back by its primary key afterwards.")
                + block("type \(model.mutationResultType)", ["  applied: Boolean!", "  record: \(model.typeName)"]))
        }
        let filtered = model.columns.filter { $0.mapping.filter != nil }
        blocks.append(description("Restrictions on \(model.table), combined with AND.")
            + block("input \(model.filterType)", filtered.map { "  \($0.graphQLName): \($0.mapping.filter!.typeName)" }))
        if model.allowsMutations && !model.isCounterTable {
            blocks.append(description("The columns of a new \(model.typeName) row.") + block("input \(model.createInputType)",
                model.writableColumns.map { "  \($0.graphQLName): \($0.mapping.type)" + ($0.role == .regular ? "" : "!") }))
            let settable = model.writableColumns.filter { $0.role == .regular }
            if !settable.isEmpty {
                blocks.append(description("The columns to set on a \(model.typeName) row; absent ones are left alone.")
                    + block("input \(model.updateInputType)", settable.map { "  \($0.graphQLName): \($0.mapping.type)" }))
            }
        }
        if !model.clustering.isEmpty {
            blocks.append(description("The clustering columns of \(model.table).")
                + block("enum \(model.orderFieldType)", model.clustering.map { "  \($0.graphQLName)" }))
            blocks.append(description("An ordering on a clustering column; needs the partition key restricted by eq or in.")
                + block("input \(model.orderType)", ["  field: \(model.orderFieldType)!", "  direction: SortDirection = ASC"]))
        }
        return blocks
    }

    private static func filterType(_ filter: ColumnMapping.Filter) -> String {
        switch filter {
        case .scalar(let scalar):
            var fields = ["eq", "ne", "gt", "gte", "lt", "lte"].map { "  \($0): \(scalar)" } + ["  in: [\(scalar)!]"]
            if scalar == "String" { fields.append("  like: String") }
            return description("Comparisons of \(scalar) values.") + block("input \(filter.typeName)", fields)
        case .collection(let scalar):
            return description("Restrictions on a list or set of \(scalar).")
                + block("input \(filter.typeName)", ["  contains: \(scalar)"])
        case .map:
            return description("Restrictions on a map column (keys and values as JSON).")
                + block("input \(filter.typeName)", ["  contains: JSON", "  containsKey: JSON"])
        }
    }

    // MARK: Printing

    /// `head { items }`; a described item after the first gets a blank line before it, as
    /// `printSchema` prints it.
    private static func block(_ head: String, _ items: [String]) -> String {
        let lines = items.enumerated().map { index, item in index > 0 && item.hasPrefix("  \"\"\"") ? "\n" + item : item }
        return head + " {\n" + lines.joined(separator: "\n") + "\n}"
    }

    /// A block-string description; past 70 characters the quotes go on lines of their own,
    /// as `printBlockString` writes it.
    private static func description(_ text: String, indent: Bool = false) -> String {
        let indentation = indent ? "  " : ""
        let quotes = "\"\"\""
        if text.count > 70 { return indentation + quotes + "\n" + indentation + text + "\n" + indentation + quotes + "\n" }
        return indentation + quotes + text + quotes + "\n"
    }
}
