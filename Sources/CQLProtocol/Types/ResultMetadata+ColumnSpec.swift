extension ResultMetadata {
    /// A table spec: `<keyspace><table>`, two `[string]`s (native_protocol_v4.spec §4.2.5.2).
    public struct TableSpec: Sendable, Hashable {
        /// The keyspace name.
        public var keyspace: String
        /// The table name.
        public var table: String

        /// Creates a table spec.
        public init(keyspace: String, table: String) {
            self.keyspace = keyspace
            self.table = table
        }
    }

    /// A `<col_spec_i>`: `(<ksname><tablename>)?<name><type>` (native_protocol_v4.spec §4.2.5.2).
    ///
    /// Used for result columns and, in ``PreparedMetadata``, for bind markers. When the
    /// metadata has a global table spec, `keyspace` and `table` are filled from it on decode and
    /// not written per column on encode.
    public struct ColumnSpec: Sendable, Hashable {
        /// The keyspace the column belongs to.
        public var keyspace: String
        /// The table the column belongs to.
        public var table: String
        /// The column name, alias or bind marker name.
        public var name: String
        /// The column's type.
        public var type: CQLType

        /// Creates a column spec.
        public init(keyspace: String, table: String, name: String, type: CQLType) {
            self.keyspace = keyspace
            self.table = table
            self.name = name
            self.type = type
        }

        /// The column's table spec.
        public var tableSpec: TableSpec { TableSpec(keyspace: keyspace, table: table) }
    }

    /// The shared table spec of `columns`, when there is at least one column and all agree.
    static func commonTableSpec(of columns: [ColumnSpec]) -> TableSpec? {
        guard let first = columns.first?.tableSpec else { return nil }
        return columns.allSatisfy { $0.keyspace == first.keyspace && $0.table == first.table } ? first : nil
    }
}

extension CQLBuffer {
    /// Writes `[<global_table_spec>]<col_spec_1>...<col_spec_n>`: the global spec if given,
    /// then each column, with its own table spec only when there is no global one.
    mutating func writeColumnSpecs(_ columns: [ResultMetadata.ColumnSpec], global: ResultMetadata.TableSpec?) {
        if let global {
            writeString(global.keyspace)
            writeString(global.table)
        }
        for column in columns {
            if global == nil {
                writeString(column.keyspace)
                writeString(column.table)
            }
            writeString(column.name)
            writeType(column.type)
        }
    }

    /// Reads `[<global_table_spec>]<col_spec_1>...<col_spec_count>`.
    mutating func readColumnSpecs(count: Int, hasGlobal: Bool) throws(CQLProtocolError) -> (ResultMetadata.TableSpec?, [ResultMetadata.ColumnSpec]) {
        var global: ResultMetadata.TableSpec?
        if hasGlobal {
            let keyspace = try readString()
            global = ResultMetadata.TableSpec(keyspace: keyspace, table: try readString())
        }
        var columns: [ResultMetadata.ColumnSpec] = []
        // A column is at least a 2-byte name length and a 2-byte option id.
        columns.reserveCapacity(boundedCapacity(count, minimumElementSize: 4))
        for _ in 0..<count {
            let keyspace: String, table: String
            if let global {
                keyspace = global.keyspace
                table = global.table
            } else {
                keyspace = try readString()
                table = try readString()
            }
            let name = try readString()
            columns.append(ResultMetadata.ColumnSpec(keyspace: keyspace, table: table, name: name, type: try readType()))
        }
        return (global, columns)
    }
}
