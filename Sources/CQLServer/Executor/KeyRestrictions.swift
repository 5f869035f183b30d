import CQLProtocol

/// The WHERE clause of a statement, analysed against its table: which partitions it
/// addresses, which clustering prefix or slice, and which relations remain as filters.
///
/// Mirrors the parts of Cassandra's `StatementRestrictions` the embedded server needs.
/// Every relation is also kept in ``filters`` so rows can be re-checked exactly.
struct KeyRestrictions {
    /// One restriction with its values already evaluated.
    struct Restriction: Sendable, Hashable {
        /// The column restricted (for token restrictions, the first partition-key column).
        var column: ColumnSchema
        /// The operator.
        var op: Operator
        /// Evaluated right-hand values: one for comparisons, many for IN.
        var values: [[UInt8]]
        /// For `CONTAINS KEY` / map element relations: the key.
        var mapKey: [UInt8]?
        /// Multi-column relations: the columns and per-value tuples.
        var tupleColumns: [ColumnSchema] = []
        /// Whether this is `token(…) op value`.
        var isToken = false
    }

    /// Every analysed relation.
    var all: [Restriction] = []
    /// Partition-key column values (cartesian product of EQ/IN), when every column is restricted that way.
    var partitionKeys: [[[UInt8]]]?
    /// Token bounds when the partition key is restricted through `token(…)`.
    var tokenLower: (value: Int64, inclusive: Bool)?
    var tokenUpper: (value: Int64, inclusive: Bool)?
    /// Clustering prefixes addressed by EQ/IN on leading clustering columns (cartesian product).
    var clusteringPrefixes: [[[UInt8]]] = [[]]
    /// Whether a slice follows the EQ prefix.
    var hasClusteringSlice = false
    /// Whether clustering columns are restricted in a way that needs filtering (gap or slice before EQ).
    var clusteringNeedsFiltering = false
    /// Cassandra's message for a clustering restriction that needs filtering because of a gap or
    /// an earlier slice (`StatementRestrictions.processClusteringColumnsRestrictions`), when one applies.
    var clusteringFilteringMessage: String?
    /// Whether the partition key is partly restricted (needs filtering).
    var partitionKeyNeedsFiltering = false
    /// Restrictions on non-primary-key columns.
    var regularRestrictions: [Restriction] = []

    /// Analyses `relations` for `table`.
    init(_ relations: [Relation], table: TableSchema, evaluator: TermEvaluator) throws(ExecutionError) {
        for relation in relations {
            all.append(try Self.analyse(relation, table: table, evaluator: evaluator))
        }
        try derivePartitionKeys(table: table)
        try deriveClustering(table: table)
        regularRestrictions = all.filter { !$0.column.isPrimaryKey && !$0.isToken }
    }

    private static func analyse(_ relation: Relation, table: TableSchema, evaluator: TermEvaluator) throws(ExecutionError) -> Restriction {
        func column(_ identifier: Identifier) throws(ExecutionError) -> ColumnSchema {
            guard let column = table.column(named: identifier.name) else {
                throw .invalid("Undefined column name \(identifier.cqlText) in table \(table.keyspace).\(table.name)")
            }
            return column
        }
        func receiver(_ column: ColumnSchema, _ type: CQLType? = nil, name: String? = nil) -> Receiver {
            Receiver(keyspace: table.keyspace, table: table.name, name: name ?? column.name, type: type ?? column.type)
        }
        func values(_ value: Relation.Value, for target: Receiver, allowList: Bool) throws(ExecutionError) -> [[UInt8]] {
            switch value {
            case .term(.bindMarker(let marker)) where allowList:
                // `c IN ?`: the marker carries a list of values.
                let listReceiver = target.derived(name: "in(\(target.name))", type: .list(target.type))
                guard case .list(let elements)? = try evaluator.value(.bindMarker(marker), for: listReceiver) else {
                    throw .invalid("Invalid null value for IN restriction on \(target.name)")
                }
                var result: [[UInt8]] = []
                for element in elements {
                    do { result.append(try element.serialized(as: target.type)) } catch { throw .invalid(error.message) }
                }
                return result
            case .term(let term):
                return [try evaluator.bytes(term, for: target, what: "value in condition")]
            case .list(let terms):
                var result: [[UInt8]] = []
                for term in terms { result.append(try evaluator.bytes(term, for: target, what: "value in condition")) }
                return result
            case .range(let lower, let upper):
                return [try evaluator.bytes(lower, for: target), try evaluator.bytes(upper, for: target)]
            }
        }

        switch relation.target {
        case .column(let identifier):
            let column = try column(identifier)
            switch relation.operator {
            case .contains, .notContains:
                let elementType: CQLType
                switch column.type {
                case .list(let element), .set(let element): elementType = element
                case .map(_, let value): elementType = value
                default: throw .invalid("Cannot use CONTAINS on non-collection column \(column.name)")
                }
                return Restriction(column: column, op: relation.operator,
                                   values: try values(relation.value, for: receiver(column, elementType, name: "value(\(column.name))"), allowList: false))
            case .containsKey, .notContainsKey:
                guard case .map(let keyType, _) = column.type else {
                    throw .invalid("Cannot use CONTAINS KEY on non-map column \(column.name)")
                }
                return Restriction(column: column, op: relation.operator,
                                   values: try values(relation.value, for: receiver(column, keyType, name: "key(\(column.name))"), allowList: false))
            case .like:
                guard column.type == .text || column.type == .ascii else {
                    throw .invalid("LIKE restriction is only supported on properly indexed columns. \(column.name) LIKE … is not valid.")
                }
                return Restriction(column: column, op: .like, values: try values(relation.value, for: receiver(column), allowList: false))
            case .isNot:
                throw .invalid("Unsupported restriction: \(column.name) IS NOT NULL")
            case .in, .notIn:
                if column.isMultiCell { throw .invalid("IN predicates on non-primary-key columns (\(column.name)) is not yet supported") }
                return Restriction(column: column, op: relation.operator, values: try values(relation.value, for: receiver(column), allowList: true))
            default:
                if column.isMultiCell {
                    throw .invalid("Collection column '\(column.name)' (\(column.type)) cannot be restricted by a '\(relation.operator)' relation")
                }
                return Restriction(column: column, op: relation.operator, values: try values(relation.value, for: receiver(column), allowList: false))
            }
        case .element(let identifier, let key):
            let column = try column(identifier)
            guard case .map(let keyType, let valueType) = column.type else {
                throw .invalid("Column \(column.name) cannot be used as a map")
            }
            let keyBytes = try evaluator.bytes(key, for: receiver(column, keyType, name: "key(\(column.name))"))
            var restriction = Restriction(column: column, op: relation.operator,
                                          values: try values(relation.value, for: receiver(column, valueType, name: "value(\(column.name))"), allowList: false))
            restriction.mapKey = keyBytes
            return restriction
        case .token(let identifiers):
            let names = identifiers.map(\.name)
            guard names == table.partitionKey.map({ table.columns[$0].name }) else {
                throw .invalid("The token function arguments must be in the partition key order: \(table.partitionKey.map { table.columns[$0].name }.joined(separator: ", "))")
            }
            let first = table.columns[table.partitionKey[0]]
            let tokenReceiver = Receiver(keyspace: table.keyspace, table: table.name, name: "partition key token", type: .bigint)
            let rhs: [[UInt8]]
            if case .term(.functionCall(let name, let arguments)) = relation.value, name.name.name == "token" {
                guard arguments.count == table.partitionKey.count else { throw .invalid("Invalid number of arguments to token()") }
                var components: [[UInt8]] = []
                for (argument, index) in zip(arguments, table.partitionKey) {
                    components.append(try evaluator.bytes(argument, for: receiver(table.columns[index])))
                }
                let token = Murmur3Partitioner.token(for: PartitionKeyEncoding.routingKey(components))
                rhs = [withUnsafeBytes(of: token.bigEndian) { Array($0) }]
            } else {
                rhs = try values(relation.value, for: tokenReceiver, allowList: false)
            }
            guard [.equal, .lessThan, .lessThanOrEqual, .greaterThan, .greaterThanOrEqual].contains(relation.operator) else {
                throw .invalid("Only EQ and slice relations are supported on token")
            }
            var restriction = Restriction(column: first, op: relation.operator, values: rhs)
            restriction.isToken = true
            return restriction
        case .columns(let identifiers):
            var columns: [ColumnSchema] = []
            for identifier in identifiers {
                let column = try column(identifier)
                guard column.kind == .clustering else {
                    throw .invalid("Multi-column relations can only be applied to clustering columns but was applied to: \(column.name)")
                }
                columns.append(column)
            }
            let tupleType = CQLType.tuple(columns.map(\.type))
            let tupleReceiver = Receiver(keyspace: table.keyspace, table: table.name,
                                         name: "(" + columns.map(\.name).joined(separator: ",") + ")", type: tupleType)
            var restriction = Restriction(column: columns[0], op: relation.operator,
                                          values: try values(relation.value, for: tupleReceiver, allowList: relation.operator == .in))
            restriction.tupleColumns = columns
            return restriction
        }
    }

    private mutating func derivePartitionKeys(table: TableSchema) throws(ExecutionError) {
        let tokenRestrictions = all.filter(\.isToken)
        for restriction in tokenRestrictions {
            guard let bytes = restriction.values.first, bytes.count == 8 else { continue }
            let token = bytes.reduce(Int64(0)) { $0 << 8 | Int64($1) }
            switch restriction.op {
            case .equal: tokenLower = (token, true); tokenUpper = (token, true)
            case .greaterThan: tokenLower = (token, false)
            case .greaterThanOrEqual: tokenLower = (token, true)
            case .lessThan: tokenUpper = (token, false)
            case .lessThanOrEqual: tokenUpper = (token, true)
            default: break
            }
        }
        var perColumn: [[[UInt8]]] = []
        var complete = true
        for index in table.partitionKey {
            let column = table.columns[index]
            let restrictions = all.filter { !$0.isToken && $0.tupleColumns.isEmpty && $0.column.name == column.name }
            if restrictions.contains(where: { ![.equal, .in].contains($0.op) }) {
                partitionKeyNeedsFiltering = true
            }
            if let equality = restrictions.first(where: { $0.op == .equal || $0.op == .in }) {
                guard restrictions.filter({ $0.op == .equal || $0.op == .in }).count == 1 else {
                    throw .invalid("\(column.name) cannot be restricted by more than one relation if it includes an Equal")
                }
                perColumn.append(equality.values)
            } else {
                complete = false
                if !restrictions.isEmpty { partitionKeyNeedsFiltering = true }
            }
        }
        if !tokenRestrictions.isEmpty && all.contains(where: { !$0.isToken && $0.column.kind == .partitionKey }) {
            throw .invalid("Columns \"\(table.partitionKey.map { table.columns[$0].name }.joined(separator: ", "))\" cannot be restricted by both a normal relation and a token relation")
        }
        if complete && !perColumn.isEmpty {
            partitionKeys = Self.cartesianProduct(perColumn)
            partitionKeyNeedsFiltering = false
        } else if !perColumn.isEmpty || partitionKeyNeedsFiltering {
            partitionKeyNeedsFiltering = true
        }
    }

    private mutating func deriveClustering(table: TableSchema) throws(ExecutionError) {
        var prefixValues: [[[UInt8]]] = []
        var stopped = false
        var unrestricted: String?
        var sliced: String?
        var coveredByTuple: Set<String> = []
        for index in table.clustering {
            let column = table.columns[index]
            let restrictions = all.filter { $0.column.kind == .clustering && ($0.tupleColumns.isEmpty ? $0.column.name == column.name : $0.tupleColumns.contains { $0.name == column.name }) }
            // The later columns of a multi-column relation were handled with its first column.
            if coveredByTuple.contains(column.name) && restrictions.allSatisfy({ !$0.tupleColumns.isEmpty }) { continue }
            if restrictions.isEmpty {
                stopped = true
                if unrestricted == nil && sliced == nil { unrestricted = column.name }
                continue
            }
            if stopped {
                if clusteringFilteringMessage == nil, let sliced {
                    clusteringFilteringMessage = "Clustering column \"\(column.name)\" cannot be restricted (preceding column \"\(sliced)\" is restricted by a non-EQ relation)"
                } else if clusteringFilteringMessage == nil, let unrestricted {
                    clusteringFilteringMessage = "PRIMARY KEY column \"\(column.name)\" cannot be restricted as preceding column \"\(unrestricted)\" is not restricted"
                }
                clusteringNeedsFiltering = true
                continue
            }
            if restrictions.contains(where: { !$0.tupleColumns.isEmpty }) {
                // Multi-column relations are evaluated as filters over the addressed partitions.
                hasClusteringSlice = true
                stopped = true
                for restriction in restrictions { coveredByTuple.formUnion(restriction.tupleColumns.map(\.name)) }
                continue
            }
            if let equality = restrictions.first(where: { $0.op == .equal || $0.op == .in }) {
                if restrictions.count > 1 {
                    throw .invalid("\(column.name) cannot be restricted by more than one relation if it includes an Equal")
                }
                prefixValues.append(equality.values)
            } else if restrictions.allSatisfy({ [.lessThan, .lessThanOrEqual, .greaterThan, .greaterThanOrEqual].contains($0.op) }) {
                hasClusteringSlice = true
                stopped = true
                sliced = column.name
            } else {
                clusteringNeedsFiltering = true
                stopped = true
            }
        }
        clusteringPrefixes = prefixValues.isEmpty ? [[]] : Self.cartesianProduct(prefixValues)
    }

    /// Every combination of one value per position.
    static func cartesianProduct(_ lists: [[[UInt8]]]) -> [[[UInt8]]] {
        var result: [[[UInt8]]] = [[]]
        for list in lists {
            var next: [[[UInt8]]] = []
            for prefix in result {
                for value in list { next.append(prefix + [value]) }
            }
            result = next
        }
        return result
    }
}

/// Serialized partition keys in the routing-key form tokens are computed from.
enum PartitionKeyEncoding {
    /// One component: its bytes; several: `[short] length, bytes, 0x00` per component.
    static func routingKey(_ components: [[UInt8]]) -> [UInt8] {
        if components.count == 1 { return components[0] }
        var buffer = CQLBuffer()
        for component in components {
            buffer.writeShort(UInt16(truncatingIfNeeded: component.count))
            buffer.writeRawBytes(component)
            buffer.writeByte(0)
        }
        return buffer.bytes
    }
}
