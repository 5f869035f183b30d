import CQLProtocol

/// One row of a virtual table: column values by column name; an absent column is null.
typealias VirtualRow = [String: CQLValue]

/// One column of a system table, declared as in Cassandra's `CREATE TABLE` text.
struct SystemColumn: Sendable {
    /// The column name.
    var name: String
    /// The column type.
    var type: CQLType
    /// Whether the type is declared `frozen<…>` (only meaningful for collections).
    var isFrozen: Bool

    /// Declares a column; collections are multi-cell unless `frozen` is set.
    init(_ name: String, _ type: CQLType, frozen: Bool = false) {
        self.name = name
        self.type = type
        isFrozen = frozen
    }
}

extension TableSchema {
    /// Declares a system table the way Cassandra's source does: its columns, then its
    /// partition key and clustering columns by name (clustering is ascending, as in every
    /// system table).
    ///
    /// The id is Cassandra's `TableId.forSystemTable`: the name-based UUID of the keyspace
    /// name's bytes followed by the table name's bytes. The options are the ones Cassandra
    /// sets on system tables (`comment`, `gc_grace_seconds`, `memtable_flush_period_in_ms`),
    /// written as CQL literals like any table's options.
    static func system(_ keyspace: String, _ name: String, comment: String, gcGraceSeconds: Int,
                       columns: [SystemColumn], partitionKey: [String], clustering: [String] = []) -> TableSchema {
        let definitions = columns.map { column -> ColumnSchema in
            if let position = partitionKey.firstIndex(of: column.name) {
                return ColumnSchema(name: column.name, type: column.type, isFrozen: column.isFrozen, kind: .partitionKey, position: position)
            }
            if let position = clustering.firstIndex(of: column.name) {
                return ColumnSchema(name: column.name, type: column.type, isFrozen: column.isFrozen, kind: .clustering,
                                    position: position, clusteringOrder: .ascending)
            }
            return ColumnSchema(name: column.name, type: column.type, isFrozen: column.isFrozen, kind: .regular)
        }
        let options = [
            "comment": "'" + comment.replacingOccurrences(of: "'", with: "''") + "'",
            "gc_grace_seconds": String(gcGraceSeconds),
            "memtable_flush_period_in_ms": "3600000",
        ]
        return TableSchema(keyspace: keyspace, name: name, id: MD5.nameUUID(from: Array((keyspace + name).utf8)),
                           columns: definitions, options: options)
    }
}

extension TableStore {
    /// The write timestamp of every virtual cell (microseconds). Virtual rows are computed
    /// on each read, so no real write time exists.
    static let virtualTimestamp: Int64 = 1

    /// Builds a table's partitions from rows given by column name.
    ///
    /// Each row is written as an INSERT would write it (with primary-key liveness, so rows
    /// whose other columns are all null still exist). Non-frozen collections are written
    /// element by element: sets with the element as path and an empty value, maps with the
    /// key as path, lists with their index as a big-endian 64-bit path.
    /// - Parameters:
    ///   - schema: The table; every primary-key column must have a value in every row.
    ///   - rows: The rows; values must have the case of their column's type.
    /// - Returns: A store readable with ``Partition/resolvedRows(table:now:)``.
    static func virtual(_ schema: TableSchema, rows: [VirtualRow]) -> TableStore {
        var state = StorageEngine.State()
        for row in rows {
            state.apply(mutation(for: row, in: schema), table: schema, now: 0)
        }
        return state.stores[schema.id] ?? TableStore()
    }

    private static func mutation(for row: VirtualRow, in schema: TableSchema) -> Mutation {
        let components = schema.partitionKey.map { serializedKeyValue(row, schema.columns[$0]) }
        let key: [UInt8]
        do {
            key = try Murmur3Partitioner.routingKey(components)
        } catch {
            preconditionFailure("virtual table \(schema.keyspace).\(schema.name): \(error)")
        }
        var mutation = Mutation(keyspace: schema.keyspace, table: schema.name, partitionKey: key,
                                components: components, token: Murmur3Partitioner.token(for: key))
        let clustering = schema.clustering.map { serializedKeyValue(row, schema.columns[$0]) }
        var regular: [RowMutation.Write] = [], statics: [RowMutation.Write] = []
        for column in schema.columns where !column.isPrimaryKey {
            guard let value = row[column.name] else { continue }
            let write = RowMutation.Write(slot: column.slot, change: cellWrite(value, column: column))
            if column.kind == .staticColumn { statics.append(write) } else { regular.append(write) }
        }
        let liveness = RowLiveness(timestamp: virtualTimestamp, ttl: 0, expiresAt: 0)
        mutation.rows.append(RowMutation(clustering: clustering, isStatic: false, liveness: liveness, rowDeletion: nil,
                                         writes: regular, timestamp: virtualTimestamp, ttl: 0))
        if !statics.isEmpty {
            mutation.rows.append(RowMutation(clustering: [], isStatic: true, liveness: nil, rowDeletion: nil,
                                             writes: statics, timestamp: virtualTimestamp, ttl: 0))
        }
        return mutation
    }

    private static func serializedKeyValue(_ row: VirtualRow, _ column: ColumnSchema) -> [UInt8] {
        guard let value = row[column.name] else {
            preconditionFailure("virtual row lacks primary-key column \(column.name)")
        }
        return serialize(value, as: column.type)
    }

    private static func cellWrite(_ value: CQLValue, column: ColumnSchema) -> CellWrite {
        guard column.isMultiCell else { return .value(serialize(value, as: column.type)) }
        switch (value, column.type) {
        case (.set(let elements), .set(let elementType)):
            return .replaceCollection(elements.map { CollectionElement(path: serialize($0, as: elementType), value: []) })
        case (.map(let entries), .map(let keyType, let valueType)):
            return .replaceCollection(entries.map {
                CollectionElement(path: serialize($0.key, as: keyType), value: serialize($0.value, as: valueType))
            })
        case (.list(let elements), .list(let elementType)):
            return .replaceCollection(elements.enumerated().map { index, element in
                CollectionElement(path: withUnsafeBytes(of: Int64(index).bigEndian) { Array($0) }, value: serialize(element, as: elementType))
            })
        default:
            preconditionFailure("virtual column \(column.name) of type \(column.type) given a \(value.kindName)")
        }
    }

    /// Serializes a value the virtual tables built themselves; a failure is a bug here.
    private static func serialize(_ value: CQLValue, as type: CQLType) -> [UInt8] {
        do {
            return try value.serialized(as: type)
        } catch {
            preconditionFailure("virtual value \(value.kindName) does not serialize as \(type): \(error)")
        }
    }
}

extension CQLValue {
    /// A frozen or multi-cell `map<text, text>` value with entries in key order, as
    /// Cassandra stores maps.
    static func textMap(_ map: [String: String]) -> CQLValue {
        .map(map.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            .map { MapEntry(key: .text($0.key), value: .text($0.value)) })
    }

    /// A `set<text>` value with elements in order and without duplicates.
    static func textSet(_ elements: some Sequence<String>) -> CQLValue {
        .set(Set(elements).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map { .text($0) })
    }

    /// A `list<text>` value.
    static func textList(_ elements: [String]) -> CQLValue {
        .list(elements.map { .text($0) })
    }
}
