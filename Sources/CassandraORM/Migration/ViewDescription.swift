/// A materialized view's shape as `system_schema.views` and `system_schema.columns` describe
/// it, or as a schema expects it: its base table, selected columns with their key roles, and
/// its `WHERE` relations.
///
/// Relations are compared as Cassandra prints them in `where_clause`, with identifier quotes
/// removed (ORM identifiers never need them to keep their meaning) and in any order.
struct ViewDescription: Sendable, Hashable {
    var name: String
    /// The base table's name.
    var base: String
    /// Whether the view selects every column of its base (`include_all_columns`).
    var selectsAll: Bool
    var columns: [String: TableDescription.Column]
    /// The `WHERE` relations in their written order, identifiers unquoted.
    var relations: [String]

    /// What `view` expects.
    init(expected view: ResolvedView) {
        name = view.name
        base = view.base
        selectsAll = view.selectsAll
        columns = TableDescription(expected: view.schema).columns
        relations = view.relations.map { $0.text(quoting: { $0 }) }
    }

    init(name: String, base: String, selectsAll: Bool, columns: [String: TableDescription.Column], relations: [String]) {
        self.name = name
        self.base = base
        self.selectsAll = selectsAll
        self.columns = columns
        self.relations = relations
    }

    /// Builds a description from a `system_schema.views` row and the view's
    /// `system_schema.columns` rows.
    /// - Parameters:
    ///   - name: `view_name`.
    ///   - base: `base_table_name`.
    ///   - includesAllColumns: `include_all_columns`.
    ///   - whereClause: `where_clause`.
    ///   - columnRows: `(column_name, kind, position, type, clustering_order)`.
    static func fromSystemSchema(name: String, base: String, includesAllColumns: Bool, whereClause: String,
                                 columnRows: [(name: String, kind: String, position: Int, type: String, order: String)]) -> ViewDescription {
        let columns = TableDescription.fromSystemSchema(columnRows: columnRows, indexRows: []).columns
        return ViewDescription(name: name, base: base, selectsAll: includesAllColumns, columns: columns,
                               relations: relations(of: whereClause))
    }

    /// Splits a `where_clause` at its top-level ` AND `s and removes identifier quotes
    /// (`"Email" IS NOT NULL` becomes `Email IS NOT NULL`); string literals are kept as written.
    static func relations(of whereClause: String) -> [String] {
        let characters = Array(whereClause)
        var relations: [String] = []
        var current = ""
        var inString = false
        var inIdentifier = false
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if inString {
                current.append(character)
                if character == "'" { inString = false }
            } else if inIdentifier {
                if character == "\"", index + 1 < characters.count, characters[index + 1] == "\"" {
                    current.append("\"")
                    index += 1
                } else if character == "\"" {
                    inIdentifier = false
                } else {
                    current.append(character)
                }
            } else if character == "'" {
                inString = true
                current.append(character)
            } else if character == "\"" {
                inIdentifier = true
            } else if character == " ", String(characters[index..<min(index + 5, characters.count)]) == " AND " {
                relations.append(current)
                current = ""
                index += 5
                continue
            } else {
                current.append(character)
            }
            index += 1
        }
        relations.append(current)
        return relations.map { $0.trimmingSpaces }.filter { !$0.isEmpty }
    }

    /// The selection as a difference shows it: `*`, or the column names sorted.
    var selection: String { selectsAll ? "*" : columns.keys.sorted().joined(separator: ", ") }

    /// The key fields in order: partition key, then clustering columns.
    var key: (partition: [String], clustering: [String]) {
        func ordered(_ kind: ResolvedSchema.Kind) -> [String] {
            columns.values.filter { $0.kind == kind }.sorted { $0.position < $1.position }.map(\.name)
        }
        return (ordered(.partitionKey), ordered(.clustering))
    }

    /// The key as a difference shows it: `((partition, …), clustering, …)`.
    var keyText: String {
        let (partition, clustering) = key
        return "(" + (["(" + partition.joined(separator: ", ") + ")"] + clustering).joined(separator: ", ") + ")"
    }

    /// The `WHERE` clause as a difference shows it.
    var whereClause: String { relations.joined(separator: " AND ") }
}

extension String {
    /// The text without leading and trailing spaces.
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
