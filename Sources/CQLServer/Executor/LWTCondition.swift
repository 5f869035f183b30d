import CQLProtocol

/// The `IF` part of a lightweight transaction, evaluated atomically with the write.
struct LWTCondition {
    /// The condition kind.
    enum Kind {
        /// `IF NOT EXISTS`.
        case ifNotExists
        /// `IF EXISTS`.
        case ifExists
        /// `IF c op v AND …`.
        case columns
    }

    /// One `c op v` check with its evaluated right-hand side.
    struct Check {
        /// What part of the column is compared.
        enum Element {
            case whole
            case mapKey([UInt8])
            case listIndex(Int)
            case field(String)
        }

        var column: ColumnSchema
        var element: Element
        var op: Operator
        /// Right-hand values (`nil` is NULL); several for IN.
        var values: [[UInt8]?]
        /// The type the values compare as.
        var type: CQLType
    }

    var kind: Kind
    var partitionKey: [UInt8]
    var clustering: [[UInt8]]
    var checks: [Check]

    init(kind: Kind, partitionKey: [UInt8], clustering: [[UInt8]], checks: [Check]) {
        self.kind = kind
        self.partitionKey = partitionKey
        self.clustering = clustering
        self.checks = checks
    }

    /// Builds the condition of an UPDATE or DELETE.
    init(ifExists: Bool, conditions: [Condition], context: ModificationContext, partitionKey: [UInt8], clustering: [[UInt8]]) throws(ExecutionError) {
        self.partitionKey = partitionKey
        self.clustering = clustering
        if ifExists {
            kind = .ifExists
            checks = []
            return
        }
        kind = .columns
        var checks: [Check] = []
        for condition in conditions {
            let (identifier, element): (Identifier, Condition.Target) = switch condition.target {
            case .column(let name), .element(let name, _), .field(let name, _): (name, condition.target)
            }
            let column = try context.column(identifier)
            guard !column.isPrimaryKey else { throw .invalid("PRIMARY KEY column '\(column.name)' cannot have IF conditions") }
            let receiver = context.receiver(column)
            var check = Check(column: column, element: .whole, op: condition.operator, values: [], type: column.type)
            switch element {
            case .column:
                break
            case .element(_, let key):
                switch column.type {
                case .map(let keyType, let valueType):
                    check.element = .mapKey(try context.evaluator.bytes(key, for: receiver.derived(name: "key(\(column.name))", type: keyType)))
                    check.type = valueType
                case .list(let elementType):
                    guard case .int(let index)? = try context.evaluator.value(key, for: receiver.derived(name: "idx(\(column.name))", type: .int)) else {
                        throw .invalid("Invalid null value for list index")
                    }
                    check.element = .listIndex(Int(index))
                    check.type = elementType
                default:
                    throw .invalid("Invalid element access syntax for column \(column.name)")
                }
            case .field(_, let field):
                guard case .udt(let udt) = column.type, let definition = udt.fields.first(where: { $0.name == field.name }) else {
                    throw .invalid("Invalid field \(field.name) for column \(column.name)")
                }
                check.element = .field(field.name)
                check.type = definition.type
            }
            let valueReceiver = receiver.derived(name: column.name, type: check.type)
            switch condition.value {
            case .term(let term) where condition.operator == .in:
                let listReceiver = valueReceiver.derived(name: "in(\(column.name))", type: .list(check.type))
                if case .bytes(let bytes) = try context.evaluator.raw(term, for: listReceiver) {
                    check.values = try CollectionElements.values(of: bytes).map { Optional($0) }
                }
            case .term(let term):
                check.values = [try context.evaluator.raw(term, for: valueReceiver).bytes]
            case .list(let terms):
                for term in terms { check.values.append(try context.evaluator.raw(term, for: valueReceiver).bytes) }
            case .range:
                throw .invalid("BETWEEN is not supported in IF conditions")
            }
            if ![.equal, .notEqual, .lessThan, .lessThanOrEqual, .greaterThan, .greaterThanOrEqual, .in, .contains, .containsKey].contains(condition.operator) {
                throw .invalid("Unsupported operator \(condition.operator) in IF condition")
            }
            checks.append(check)
        }
        self.checks = checks
    }

    /// Whether the condition holds for `row` (the current row, `nil` when absent).
    func holds(for row: ResolvedRow?) -> Bool {
        switch kind {
        case .ifNotExists: return row == nil
        case .ifExists: return row != nil
        case .columns: return checks.allSatisfy { check($0, row: row) }
        }
    }

    private func check(_ check: Check, row: ResolvedRow?) -> Bool {
        let current = currentValue(check, row: row)
        func compare(_ expected: [UInt8]?) -> Int? {
            switch (current, expected) {
            case (nil, nil): return 0
            case (nil, _), (_, nil): return nil
            case (let current?, let expected?): return ValueComparator.compare(current[...], expected[...], as: check.type)
            }
        }
        switch check.op {
        case .equal: return compare(check.values.first ?? nil) == 0
        case .notEqual: return compare(check.values.first ?? nil) != 0
        case .in: return check.values.contains { compare($0) == 0 }
        case .lessThan: return compare(check.values.first ?? nil).map { $0 < 0 } ?? false
        case .lessThanOrEqual: return compare(check.values.first ?? nil).map { $0 <= 0 } ?? false
        case .greaterThan: return compare(check.values.first ?? nil).map { $0 > 0 } ?? false
        case .greaterThanOrEqual: return compare(check.values.first ?? nil).map { $0 >= 0 } ?? false
        default: return false
        }
    }

    private func currentValue(_ check: Check, row: ResolvedRow?) -> [UInt8]? {
        guard let bytes = row?.value(slot: check.column.slot)?.bytes else { return nil }
        switch check.element {
        case .whole:
            return bytes
        case .mapKey(let key):
            return CollectionElements.mapEntries(bytes)?.first { ValueComparator.compareBytes($0.key[...], key[...]) == 0 }?.value
        case .listIndex(let index):
            guard let values = try? CollectionElements.values(of: bytes), index >= 0, index < values.count else { return nil }
            return values[index]
        case .field(let name):
            guard case .udt(let udt) = check.column.type, let position = udt.fields.firstIndex(where: { $0.name == name }) else { return nil }
            var buffer = CQLBuffer(bytes: bytes)
            for index in 0...position {
                guard buffer.readableBytes > 0 else { return nil }
                guard let field = try? buffer.readBytes() else { return nil }
                if index == position { return field }
            }
            return nil
        }
    }

    /// The columns Cassandra returns beside `[applied]` when the condition fails.
    func resultColumns(table: TableSchema) -> [ColumnSchema] {
        switch kind {
        case .ifNotExists, .ifExists:
            return table.selectStarOrder.map { table.columns[$0] }
        case .columns:
            var seen = Set<String>()
            return checks.map(\.column).filter { seen.insert($0.name).inserted }
        }
    }
}
