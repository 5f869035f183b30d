import CQLProtocol

/// The tables of `system_schema`, declared exactly as Cassandra 5.0's `SchemaKeyspace`
/// declares them (same columns, types, keys and comments; `gc_grace_seconds` of 7 days).
enum SchemaKeyspaceTables {
    /// The keyspace name.
    static let keyspace = "system_schema"

    /// `gc_grace_seconds` of every schema table (seven days).
    private static let gcGrace = 604_800

    private static func table(_ name: String, _ comment: String, _ columns: [SystemColumn],
                              partitionKey: [String] = ["keyspace_name"], clustering: [String] = []) -> TableSchema {
        .system(keyspace, name, comment: comment, gcGraceSeconds: gcGrace, columns: columns, partitionKey: partitionKey, clustering: clustering)
    }

    /// `system_schema.keyspaces`.
    static let keyspaces = table("keyspaces", "keyspace definitions", [
        SystemColumn("keyspace_name", .text),
        SystemColumn("durable_writes", .boolean),
        SystemColumn("replication", .map(.text, .text), frozen: true),
    ])

    /// The table-parameter columns shared by `tables` and `views`, in Cassandra's order.
    private static let tableParameters: [SystemColumn] = [
        SystemColumn("allow_auto_snapshot", .boolean),
        SystemColumn("bloom_filter_fp_chance", .double),
        SystemColumn("caching", .map(.text, .text), frozen: true),
        SystemColumn("comment", .text),
        SystemColumn("compaction", .map(.text, .text), frozen: true),
        SystemColumn("compression", .map(.text, .text), frozen: true),
        SystemColumn("memtable", .text),
        SystemColumn("crc_check_chance", .double),
        SystemColumn("dclocal_read_repair_chance", .double),
        SystemColumn("default_time_to_live", .int),
        SystemColumn("extensions", .map(.text, .blob), frozen: true),
    ]

    /// The parameter columns declared after `id` (and `include_all_columns` for views).
    private static let trailingParameters: [SystemColumn] = [
        SystemColumn("max_index_interval", .int),
        SystemColumn("memtable_flush_period_in_ms", .int),
        SystemColumn("min_index_interval", .int),
        SystemColumn("read_repair_chance", .double),
        SystemColumn("speculative_retry", .text),
        SystemColumn("additional_write_policy", .text),
        SystemColumn("cdc", .boolean),
        SystemColumn("read_repair", .text),
    ]

    /// `system_schema.tables`.
    static let tables = table("tables", "table definitions", [
        SystemColumn("keyspace_name", .text),
        SystemColumn("table_name", .text),
    ] + tableParameters + [
        SystemColumn("flags", .set(.text), frozen: true),
        SystemColumn("gc_grace_seconds", .int),
        SystemColumn("incremental_backups", .boolean),
        SystemColumn("id", .uuid),
    ] + trailingParameters, clustering: ["table_name"])

    /// The column-definition columns shared by `system_schema.columns` and
    /// `system_virtual_schema.columns`.
    static let columnDefinitionColumns: [SystemColumn] = [
        SystemColumn("keyspace_name", .text),
        SystemColumn("table_name", .text),
        SystemColumn("column_name", .text),
        SystemColumn("clustering_order", .text),
        SystemColumn("column_name_bytes", .blob),
        SystemColumn("kind", .text),
        SystemColumn("position", .int),
        SystemColumn("type", .text),
    ]

    /// `system_schema.columns`.
    static let columns = table("columns", "column definitions", columnDefinitionColumns, clustering: ["table_name", "column_name"])

    /// `system_schema.column_masks` (dynamic data masking, new in 5.0; never populated here).
    static let columnMasks = table("column_masks", "column dynamic data masks", [
        SystemColumn("keyspace_name", .text),
        SystemColumn("table_name", .text),
        SystemColumn("column_name", .text),
        SystemColumn("function_keyspace", .text),
        SystemColumn("function_name", .text),
        SystemColumn("function_argument_types", .list(.text), frozen: true),
        SystemColumn("function_argument_values", .list(.text), frozen: true),
        SystemColumn("function_argument_nulls", .list(.boolean), frozen: true),
    ], clustering: ["table_name", "column_name"])

    /// `system_schema.dropped_columns`.
    static let droppedColumns = table("dropped_columns", "dropped column registry", [
        SystemColumn("keyspace_name", .text),
        SystemColumn("table_name", .text),
        SystemColumn("column_name", .text),
        SystemColumn("dropped_time", .timestamp),
        SystemColumn("kind", .text),
        SystemColumn("type", .text),
    ], clustering: ["table_name", "column_name"])

    /// `system_schema.triggers`.
    static let triggers = table("triggers", "trigger definitions", [
        SystemColumn("keyspace_name", .text),
        SystemColumn("table_name", .text),
        SystemColumn("trigger_name", .text),
        SystemColumn("options", .map(.text, .text), frozen: true),
    ], clustering: ["table_name", "trigger_name"])

    /// `system_schema.views`.
    static let views = table("views", "view definitions", [
        SystemColumn("keyspace_name", .text),
        SystemColumn("view_name", .text),
        SystemColumn("base_table_id", .uuid),
        SystemColumn("base_table_name", .text),
        SystemColumn("where_clause", .text),
    ] + tableParameters + [
        SystemColumn("gc_grace_seconds", .int),
        SystemColumn("incremental_backups", .boolean),
        SystemColumn("id", .uuid),
        SystemColumn("include_all_columns", .boolean),
    ] + trailingParameters, clustering: ["view_name"])

    /// `system_schema.indexes`.
    static let indexes = table("indexes", "secondary index definitions", [
        SystemColumn("keyspace_name", .text),
        SystemColumn("table_name", .text),
        SystemColumn("index_name", .text),
        SystemColumn("kind", .text),
        SystemColumn("options", .map(.text, .text), frozen: true),
    ], clustering: ["table_name", "index_name"])

    /// `system_schema.types`.
    static let types = table("types", "user defined type definitions", [
        SystemColumn("keyspace_name", .text),
        SystemColumn("type_name", .text),
        SystemColumn("field_names", .list(.text), frozen: true),
        SystemColumn("field_types", .list(.text), frozen: true),
    ], clustering: ["type_name"])

    /// `system_schema.functions`.
    static let functions = table("functions", "user defined function definitions", [
        SystemColumn("keyspace_name", .text),
        SystemColumn("function_name", .text),
        SystemColumn("argument_types", .list(.text), frozen: true),
        SystemColumn("argument_names", .list(.text), frozen: true),
        SystemColumn("body", .text),
        SystemColumn("language", .text),
        SystemColumn("return_type", .text),
        SystemColumn("called_on_null_input", .boolean),
    ], clustering: ["function_name", "argument_types"])

    /// `system_schema.aggregates`.
    static let aggregates = table("aggregates", "user defined aggregate definitions", [
        SystemColumn("keyspace_name", .text),
        SystemColumn("aggregate_name", .text),
        SystemColumn("argument_types", .list(.text), frozen: true),
        SystemColumn("final_func", .text),
        SystemColumn("initcond", .text),
        SystemColumn("return_type", .text),
        SystemColumn("state_func", .text),
        SystemColumn("state_type", .text),
    ], clustering: ["aggregate_name", "argument_types"])

    /// Every `system_schema` table, in Cassandra's `ALL_TABLE_METADATA` order.
    static let all: [TableSchema] = [
        keyspaces, tables, columns, columnMasks, triggers, droppedColumns, views, types, functions, aggregates, indexes,
    ]
}
