/// The tables of `system_virtual_schema`, declared as Cassandra 5.0's
/// `VirtualSchemaKeyspace` declares them, which list virtual keyspaces, tables and columns.
///
/// The only virtual keyspace served is `system_virtual_schema` itself, so these tables
/// describe themselves.
enum VirtualSchemaTables {
    /// The keyspace name.
    static let keyspace = "system_virtual_schema"

    /// `system_virtual_schema.keyspaces`.
    static let keyspaces = TableSchema.system(keyspace, "keyspaces", comment: "virtual keyspace definitions", gcGraceSeconds: 0,
                                              columns: [SystemColumn("keyspace_name", .text)], partitionKey: ["keyspace_name"])

    /// `system_virtual_schema.tables`.
    static let tables = TableSchema.system(keyspace, "tables", comment: "virtual table definitions", gcGraceSeconds: 0, columns: [
        SystemColumn("keyspace_name", .text),
        SystemColumn("table_name", .text),
        SystemColumn("comment", .text),
    ], partitionKey: ["keyspace_name"], clustering: ["table_name"])

    /// `system_virtual_schema.columns`.
    static let columns = TableSchema.system(keyspace, "columns", comment: "virtual column definitions", gcGraceSeconds: 0,
                                            columns: SchemaKeyspaceTables.columnDefinitionColumns,
                                            partitionKey: ["keyspace_name"], clustering: ["table_name", "column_name"])

    /// Every `system_virtual_schema` table.
    static let all: [TableSchema] = [keyspaces, tables, columns]

    /// The rows of the virtual-schema table `name`, or `nil` when there is no such table.
    static func rows(of name: String) -> [VirtualRow]? {
        switch name {
        case keyspaces.name:
            return [["keyspace_name": .text(keyspace)]]
        case tables.name:
            return all.map { table in
                let comment = OptionLiteral(parsing: table.options["comment"] ?? "''")?.scalar ?? ""
                return ["keyspace_name": .text(table.keyspace), "table_name": .text(table.name), "comment": .text(comment)]
            }
        case columns.name:
            return all.flatMap(SchemaRows.columns)
        default:
            return nil
        }
    }
}
