#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol

/// The rows Cassandra 5.0 writes to `system_schema` for each schema element
/// (`SchemaKeyspace.makeCreateKeyspaceMutation` and the `add…ToSchemaMutation` helpers).
enum SchemaRows {
    /// The `system_schema.keyspaces` row of `keyspace`. A replication class given by its
    /// short name is expanded to the Java class name, as `ReplicationParams.asMap` does.
    static func keyspace(_ keyspace: KeyspaceDefinition) -> VirtualRow {
        var replication = keyspace.replication
        if let strategy = replication["class"], !strategy.contains(".") {
            replication["class"] = "org.apache.cassandra.locator." + strategy
        }
        return [
            "keyspace_name": .text(keyspace.name),
            "durable_writes": .boolean(keyspace.durableWrites),
            "replication": .textMap(replication),
        ]
    }

    /// The `system_schema.tables` row of `table`: its id, its flags (`compound`, plus
    /// `counter` for counter tables) and its parameters.
    static func table(_ table: TableSchema) -> VirtualRow {
        var row = TableParameters.row(options: table.options)
        row["keyspace_name"] = .text(table.keyspace)
        row["table_name"] = .text(table.name)
        row["id"] = .uuid(table.id)
        row["flags"] = .textSet(table.isCounterTable ? ["compound", "counter"] : ["compound"])
        return row
    }

    /// The `system_schema.views` row of `view` (`SchemaKeyspace.addViewToSchemaMutation`):
    /// its base table, `where_clause`, `include_all_columns`, id and table parameters.
    static func view(_ view: TableSchema, definition: ViewDefinition) -> VirtualRow {
        var row = TableParameters.row(options: view.options)
        row["keyspace_name"] = .text(view.keyspace)
        row["view_name"] = .text(view.name)
        row["base_table_id"] = .uuid(definition.baseTableID)
        row["base_table_name"] = .text(definition.baseTableName)
        row["where_clause"] = .text(definition.whereClauseText)
        row["include_all_columns"] = .boolean(definition.includesAllColumns)
        row["id"] = .uuid(view.id)
        return row
    }

    /// The `system_schema.columns` rows of `table` (or view), one per column.
    ///
    /// `position` is the key position for partition-key and clustering columns and -1 for
    /// the others; `clustering_order` is `asc` or `desc` for clustering columns and `none`
    /// for the others; `type` is the CQL type text without the clustering reversal.
    static func columns(_ table: TableSchema) -> [VirtualRow] {
        table.columns.map { column in
            let isKey = column.kind == .partitionKey || column.kind == .clustering
            return [
                "keyspace_name": .text(table.keyspace),
                "table_name": .text(table.name),
                "column_name": .text(column.name),
                "clustering_order": .text(column.kind == .clustering ? column.clusteringOrder.rawValue : "none"),
                "column_name_bytes": .blob(Array(column.name.utf8)),
                "kind": .text(column.kind.rawValue),
                "position": .int(isKey ? Int32(column.position) : -1),
                "type": .text(column.typeText),
            ]
        }
    }

    /// The `system_schema.indexes` rows of `table`: `kind` (`COMPOSITES`, `CUSTOM`, `KEYS`)
    /// and `options`, which always hold `target` (and `class_name` for custom indexes).
    static func indexes(_ table: TableSchema) -> [VirtualRow] {
        table.indexes.map { index in
            var options = index.options
            if options["target"] == nil { options["target"] = target(of: index) }
            return [
                "keyspace_name": .text(table.keyspace),
                "table_name": .text(table.name),
                "index_name": .text(index.name),
                "kind": .text(index.kind),
                "options": .textMap(options),
            ]
        }
    }

    /// `IndexTarget.asCqlString`: the quoted column name, wrapped in `keys(…)`,
    /// `values(…)`, `entries(…)` or `full(…)` for collection targets.
    static func target(of index: IndexDefinition) -> String {
        let column = Identifier(index.column).cqlText
        return index.target == .simple ? column : "\(index.target.rawValue)(\(column))"
    }

    /// The `system_schema.types` row of `type` in `keyspace`.
    static func type(_ type: CQLType.UserDefinedType, keyspace: String) -> VirtualRow {
        [
            "keyspace_name": .text(keyspace),
            "type_name": .text(type.name),
            "field_names": .textList(type.fields.map(\.name)),
            "field_types": .textList(type.fields.map { fieldTypeText($0.type) }),
        ]
    }

    /// The type text of a UDT field. Cassandra keeps field types as declared, and only
    /// frozen UDTs may be fields; ``CQLType`` does not record whether a collection field was
    /// declared frozen, so collection fields print unfrozen (the common declaration).
    static func fieldTypeText(_ type: CQLType) -> String {
        if case .udt = type { return CQLTypeExpression(type, frozen: true).canonicalText }
        return CQLTypeExpression(type).canonicalText
    }

    /// Every `system_schema` row describing `keyspace`, by schema table name.
    /// Views are listed in `views` instead of `tables`; their columns are in `columns`.
    static func all(of keyspace: KeyspaceDefinition) -> [String: [VirtualRow]] {
        let tablesAndViews = keyspace.tables.values.sorted { $0.name < $1.name }
        let tables = tablesAndViews.filter { !$0.isView }
        return [
            SchemaKeyspaceTables.keyspaces.name: [Self.keyspace(keyspace)],
            SchemaKeyspaceTables.tables.name: tables.map(table),
            SchemaKeyspaceTables.views.name: tablesAndViews.compactMap { table in table.view.map { view(table, definition: $0) } },
            SchemaKeyspaceTables.columns.name: tablesAndViews.flatMap(columns),
            SchemaKeyspaceTables.indexes.name: tables.flatMap(indexes),
            SchemaKeyspaceTables.types.name: keyspace.types.map { type($0, keyspace: keyspace.name) },
        ]
    }
}
