import CQLProtocol

/// Finds the receiver (name and type) of every bind marker of a statement, in marker
/// order, for PREPARED metadata — the same names Cassandra gives (`[ttl]`, `in(c)`,
/// `key(m)`, `value(m)`, `partition key token`, …).
struct BindVariables {
    /// Receivers by marker index.
    private(set) var receivers: [Int: Receiver] = [:]
    /// Marker names (for named markers) by index.
    private(set) var names: [Int: String] = [:]

    var receiversByIndex: [Int: Receiver] { receivers }
    var nameByIndex: [Int: String] { names }

    mutating func setReceiver(_ receiver: Receiver, at index: Int, name: String?) {
        receivers[index] = receiver
        if let name { names[index] = name }
    }

    let table: TableSchema

    /// Collects the receivers of `statement`, whose table is `table`.
    init(table: TableSchema) {
        self.table = table
    }

    private func receiver(_ name: String, _ type: CQLType) -> Receiver {
        Receiver(keyspace: table.keyspace, table: table.name, name: name, type: type)
    }

    private func column(_ identifier: Identifier) -> ColumnSchema? {
        table.column(named: identifier.name)
    }

    /// Records `term`'s markers assuming it is assigned to `target`.
    mutating func visit(_ term: Term, _ target: Receiver) {
        switch term {
        case .bindMarker(let marker):
            receivers[marker.index] = target
            if let name = marker.name { names[marker.index] = name.name }
        case .list(let elements):
            let elementType: CQLType = switch target.type {
            case .list(let element), .set(let element), .vector(let element, _): element
            default: target.type
            }
            for element in elements { visit(element, target.derived(name: "value(\(target.name))", type: elementType)) }
        case .set(let elements):
            let elementType: CQLType = switch target.type {
            case .set(let element), .list(let element): element
            case .map(let key, _): key
            default: target.type
            }
            for element in elements { visit(element, target.derived(name: "value(\(target.name))", type: elementType)) }
        case .map(let entries):
            guard case .map(let keyType, let valueType) = target.type else { return }
            for entry in entries {
                visit(entry.key, target.derived(name: "key(\(target.name))", type: keyType))
                visit(entry.value, target.derived(name: "value(\(target.name))", type: valueType))
            }
        case .tuple(let elements):
            guard case .tuple(let types) = target.type else { return }
            for (element, type) in zip(elements, types) { visit(element, target.derived(name: target.name, type: type)) }
        case .userType(let fields):
            guard case .udt(let udt) = target.type else { return }
            for field in fields {
                if let definition = udt.fields.first(where: { $0.name == field.name.name }) {
                    visit(field.value, target.derived(name: "\(target.name).\(definition.name)", type: definition.type))
                }
            }
        case .functionCall(let name, let arguments):
            let argumentType: CQLType = switch name.name.name {
            case "totimestamp", "todate", "tounixtimestamp", "dateof", "unixtimestampof": .timeuuid
            case "mintimeuuid", "maxtimeuuid": .timestamp
            default: target.type
            }
            for argument in arguments { visit(argument, target.derived(name: "\(name.name.name)(arg)", type: argumentType)) }
        case .typeHint(let type, let inner):
            visit(inner, target.derived(name: target.name, type: type.cqlType))
        case .cast(let inner, _), .negation(let inner):
            visit(inner, target)
        case .literal, .null:
            break
        }
    }

    mutating func visit(_ using: UsingClause) {
        if let timestamp = using.timestamp { visit(timestamp, receiver("[timestamp]", .bigint)) }
        if let ttl = using.timeToLive { visit(ttl, receiver("[ttl]", .int)) }
    }

    mutating func visit(_ relation: Relation) {
        switch relation.target {
        case .column(let identifier):
            guard let column = column(identifier) else { return }
            var type = column.type
            var name = column.name
            switch relation.operator {
            case .contains, .notContains:
                switch column.type {
                case .list(let element), .set(let element): type = element
                case .map(_, let value): type = value
                default: break
                }
            case .containsKey, .notContainsKey:
                if case .map(let key, _) = column.type { type = key }
            default: break
            }
            if relation.operator == .in || relation.operator == .notIn, case .term(.bindMarker) = relation.value {
                name = "in(\(column.name))"
                type = .list(type)
            }
            visit(relation.value, receiver(name, type))
        case .element(let identifier, let key):
            guard let column = column(identifier), case .map(let keyType, let valueType) = column.type else { return }
            visit(key, receiver("key(\(column.name))", keyType))
            visit(relation.value, receiver("value(\(column.name))", valueType))
        case .token(let identifiers):
            if case .term(.functionCall(let name, let arguments)) = relation.value, name.name.name == "token" {
                for (argument, identifier) in zip(arguments, identifiers) {
                    if let column = column(identifier) { visit(argument, receiver(column.name, column.type)) }
                }
            } else {
                visit(relation.value, receiver("partition key token", .bigint))
            }
        case .columns(let identifiers):
            let columns = identifiers.compactMap(column)
            let tuple = CQLType.tuple(columns.map(\.type))
            let name = "(" + columns.map(\.name).joined(separator: ",") + ")"
            if relation.operator == .in, case .term(.bindMarker) = relation.value {
                visit(relation.value, receiver("in(\(name))", .list(tuple)))
            } else {
                visit(relation.value, receiver(name, tuple))
            }
        }
    }

    private mutating func visit(_ value: Relation.Value, _ target: Receiver) {
        switch value {
        case .term(let term): visit(term, target)
        case .list(let terms): for term in terms { visit(term, target) }
        case .range(let lower, let upper):
            visit(lower, target)
            visit(upper, target)
        }
    }

    mutating func visit(_ condition: Condition) {
        switch condition.target {
        case .column(let identifier):
            guard let column = column(identifier) else { return }
            if condition.operator == .in, case .term(.bindMarker) = condition.value {
                visit(condition.value, receiver("in(\(column.name))", .list(column.type)))
            } else {
                visit(condition.value, receiver(column.name, column.type))
            }
        case .element(let identifier, let key):
            guard let column = column(identifier) else { return }
            switch column.type {
            case .map(let keyType, let valueType):
                visit(key, receiver("key(\(column.name))", keyType))
                visit(condition.value, receiver("value(\(column.name))", valueType))
            case .list(let element):
                visit(key, receiver("idx(\(column.name))", .int))
                visit(condition.value, receiver("value(\(column.name))", element))
            default: break
            }
        case .field(let identifier, let field):
            guard let column = column(identifier), case .udt(let udt) = column.type,
                  let definition = udt.fields.first(where: { $0.name == field.name }) else { return }
            visit(condition.value, receiver("\(column.name).\(field.name)", definition.type))
        }
    }

    mutating func visit(_ assignment: Assignment) {
        guard let column = column(assignment.column) else { return }
        let target = receiver(column.name, column.type)
        switch assignment.operation {
        case .set(let term), .add(let term), .prepend(let term):
            visit(term, target)
        case .subtract(let term):
            if case .map(let key, _) = column.type {
                visit(term, target.derived(name: column.name, type: .set(key)))
            } else {
                visit(term, target)
            }
        case .setElement(let key, let value):
            switch column.type {
            case .map(let keyType, let valueType):
                visit(key, target.derived(name: "key(\(column.name))", type: keyType))
                visit(value, target.derived(name: "value(\(column.name))", type: valueType))
            case .list(let element):
                visit(key, target.derived(name: "idx(\(column.name))", type: .int))
                visit(value, target.derived(name: "value(\(column.name))", type: element))
            default: break
            }
        case .setField(let field, let term):
            if case .udt(let udt) = column.type, let definition = udt.fields.first(where: { $0.name == field.name }) {
                visit(term, target.derived(name: "\(column.name).\(field.name)", type: definition.type))
            }
        }
    }

    mutating func visit(_ statement: Statement.Insert) {
        for (identifier, term) in zip(statement.columns, statement.values) {
            if let column = column(identifier) { visit(term, receiver(column.name, column.type)) }
        }
        visit(statement.using)
    }

    mutating func visit(_ statement: Statement.Update) {
        visit(statement.using)
        for assignment in statement.assignments { visit(assignment) }
        for relation in statement.whereClause { visit(relation) }
        for condition in statement.conditions { visit(condition) }
    }

    mutating func visit(_ statement: Statement.Delete) {
        for target in statement.targets {
            if case .element(let identifier, let key) = target, let column = column(identifier) {
                switch column.type {
                case .map(let keyType, _): visit(key, receiver("key(\(column.name))", keyType))
                case .list: visit(key, receiver("idx(\(column.name))", .int))
                case .set(let element): visit(key, receiver("value(\(column.name))", element))
                default: break
                }
            }
        }
        visit(statement.using)
        for relation in statement.whereClause { visit(relation) }
        for condition in statement.conditions { visit(condition) }
    }

    mutating func visit(_ statement: Statement.Select) {
        for selected in statement.selectors { visit(selected.selector) }
        for relation in statement.whereClause { visit(relation) }
        for ordering in statement.orderBy {
            if let term = ordering.annOf, let column = column(ordering.column) { visit(term, receiver(column.name, column.type)) }
        }
        if let term = statement.perPartitionLimit { visit(term, receiver("[per_partition_limit]", .int)) }
        if let term = statement.limit { visit(term, receiver("[limit]", .int)) }
    }

    private mutating func visit(_ selector: Selector) {
        switch selector {
        case .function(_, let arguments):
            var vectorColumn: ColumnSchema?
            for argument in arguments {
                if case .column(let identifier) = argument { vectorColumn = column(identifier) }
                if case .term(let term) = argument, let vectorColumn { visit(term, receiver(vectorColumn.name, vectorColumn.type)) }
                visit(argument)
            }
        case .cast(let inner, _), .field(let inner, _), .typeHint(_, let inner):
            visit(inner)
        case .element(let inner, _):
            visit(inner)
        default:
            break
        }
    }

    /// The partition-key bind indexes (for token-aware routing), or empty when some
    /// partition-key column is not bound by a marker. Like Cassandra's
    /// `VariableSpecifications.getPartitionKeyBindVariableIndexes`, a column bound by
    /// several markers (`k IN (?, ?)`) reports the last one.
    func partitionKeyIndexes(for statement: Statement) -> [UInt16] {
        var indexes: [UInt16] = []
        for keyIndex in table.partitionKey {
            let name = table.columns[keyIndex].name
            guard let marker = receivers.filter({ $0.value.name == name && $0.value.type == table.columns[keyIndex].type }).map(\.key).max() else {
                return []
            }
            indexes.append(UInt16(marker))
        }
        return indexes
    }
}
