import CQLProtocol

/// Evaluates analysed WHERE restrictions on resolved rows, exactly (the partition and
/// clustering lookups only narrow what is read; every restriction is re-checked here).
struct RowFilter {
    /// The table.
    let table: TableSchema
    /// The restrictions to check.
    let restrictions: [KeyRestrictions.Restriction]

    /// The serialized value of `column` in `row`, or `nil` when null.
    static func value(of column: ColumnSchema, in row: ResolvedRow) -> [UInt8]? {
        switch column.kind {
        case .partitionKey: return column.position < row.partitionKey.count ? row.partitionKey[column.position] : nil
        case .clustering: return column.position < row.clustering.count ? row.clustering[column.position] : nil
        case .regular, .staticColumn: return row.value(slot: column.slot)?.bytes
        }
    }

    /// Whether `row` satisfies every restriction.
    func matches(_ row: ResolvedRow) -> Bool {
        restrictions.allSatisfy { matches($0, row) }
    }

    private func matches(_ restriction: KeyRestrictions.Restriction, _ row: ResolvedRow) -> Bool {
        if restriction.isToken {
            guard let bytes = restriction.values.first, bytes.count == 8 else { return false }
            let bound = bytes.reduce(Int64(0)) { $0 << 8 | Int64($1) }
            return Self.compare(row.token < bound ? -1 : (row.token > bound ? 1 : 0), restriction.op)
        }
        if !restriction.tupleColumns.isEmpty {
            return matchesTuple(restriction, row)
        }
        let column = restriction.column
        guard let current = Self.value(of: column, in: row) else {
            return restriction.op == .notEqual || restriction.op == .notIn || restriction.op == .notContains || restriction.op == .notContainsKey
        }
        if let key = restriction.mapKey {
            guard case .map(let keyType, let valueType) = column.type,
                  let entry = CollectionElements.mapEntries(current)?.first(where: { ValueComparator.compare($0.key[...], key[...], as: keyType) == 0 }) else {
                return false
            }
            return compareValue(entry.value, restriction, type: valueType)
        }
        switch restriction.op {
        case .contains, .notContains:
            let elements: [[UInt8]]
            let elementType: CQLType
            switch column.type {
            case .list(let element), .set(let element):
                elements = (try? CollectionElements.values(of: current)) ?? []
                elementType = element
            case .map(_, let value):
                elements = CollectionElements.mapEntries(current)?.map(\.value) ?? []
                elementType = value
            default:
                return false
            }
            let found = restriction.values.allSatisfy { wanted in elements.contains { ValueComparator.compare($0[...], wanted[...], as: elementType) == 0 } }
            return restriction.op == .contains ? found : !found
        case .containsKey, .notContainsKey:
            guard case .map(let keyType, _) = column.type else { return false }
            let keys = CollectionElements.mapEntries(current)?.map(\.key) ?? []
            let found = restriction.values.allSatisfy { wanted in keys.contains { ValueComparator.compare($0[...], wanted[...], as: keyType) == 0 } }
            return restriction.op == .containsKey ? found : !found
        case .like:
            guard let pattern = restriction.values.first.flatMap({ String(validating: $0, as: UTF8.self) }),
                  let text = String(validating: current, as: UTF8.self) else { return false }
            return Self.like(text, pattern)
        default:
            return compareValue(current, restriction, type: column.type)
        }
    }

    private func compareValue(_ current: [UInt8], _ restriction: KeyRestrictions.Restriction, type: CQLType) -> Bool {
        switch restriction.op {
        case .in:
            return restriction.values.contains { ValueComparator.compare(current[...], $0[...], as: type) == 0 }
        case .notIn:
            return !restriction.values.contains { ValueComparator.compare(current[...], $0[...], as: type) == 0 }
        case .between:
            guard restriction.values.count == 2 else { return false }
            return ValueComparator.compare(current[...], restriction.values[0][...], as: type) >= 0
                && ValueComparator.compare(current[...], restriction.values[1][...], as: type) <= 0
        default:
            guard let bound = restriction.values.first else { return false }
            return Self.compare(ValueComparator.compare(current[...], bound[...], as: type), restriction.op)
        }
    }

    /// Multi-column relations compare clustering prefixes in clustering order.
    private func matchesTuple(_ restriction: KeyRestrictions.Restriction, _ row: ResolvedRow) -> Bool {
        let columns = restriction.tupleColumns
        guard row.clustering.count >= columns.count else { return false }
        func order(_ tuple: [UInt8]) -> Int? {
            var buffer = CQLBuffer(bytes: tuple)
            for column in columns {
                guard buffer.readableBytes > 0, let component = try? buffer.readBytes() else { return nil }
                var order = ValueComparator.compare(row.clustering[column.position][...], component[...], as: column.type)
                if column.clusteringOrder == .descending { order = -order }
                if order != 0 { return order }
            }
            return 0
        }
        if restriction.op == .in { return restriction.values.contains { order($0) == 0 } }
        guard let tuple = restriction.values.first, let result = order(tuple) else { return false }
        return Self.compare(result, restriction.op)
    }

    /// Whether an ordering result satisfies a comparison operator.
    static func compare(_ order: Int, _ op: Operator) -> Bool {
        switch op {
        case .equal, .in: order == 0
        case .notEqual, .notIn: order != 0
        case .lessThan: order < 0
        case .lessThanOrEqual: order <= 0
        case .greaterThan: order > 0
        case .greaterThanOrEqual: order >= 0
        default: false
        }
    }

    /// SQL-style `LIKE` with `%` wildcards at either end (prefix, suffix, contains, exact).
    static func like(_ text: String, _ pattern: String) -> Bool {
        let starts = pattern.hasPrefix("%"), ends = pattern.hasSuffix("%") && pattern.count > 1
        let core = String(pattern.dropFirst(starts ? 1 : 0).dropLast(ends ? 1 : 0))
        switch (starts, ends) {
        case (true, true): return core.isEmpty || text.contains(core)
        case (true, false): return text.hasSuffix(core)
        case (false, true): return text.hasPrefix(core)
        case (false, false): return text == core
        }
    }
}
