import CQLProtocol

/// The projection of a SELECT: result columns and how each is computed from a row,
/// including aggregates (`count`, `min`, `max`, `sum`, `avg`).
struct Selection {
    /// One projected expression.
    indirect enum Expression {
        case column(ColumnSchema)
        case writetime(ColumnSchema)
        case ttl(ColumnSchema)
        case token([ColumnSchema])
        case constant([UInt8]?)
        case similarity(CQLVectorSimilarity, ColumnSchema, [Float])
        case temporal(String, Expression)
        case cast(Expression, from: CQLType, to: CQLType)
        case countRows
        case aggregate(String, Expression, CQLType)
    }

    /// The result columns.
    var columns: [ResultColumn]
    /// How each column is computed.
    var expressions: [Expression]
    /// Whether any expression aggregates rows.
    var isAggregate: Bool

    /// Builds the selection of `statement` over `table`.
    init(_ statement: Statement.Select, table: TableSchema, evaluator: TermEvaluator) throws(ExecutionError) {
        var columns: [ResultColumn] = []
        var expressions: [Expression] = []
        if statement.selectsAll {
            for index in table.selectStarOrder {
                let column = table.columns[index]
                columns.append(ResultColumn(keyspace: table.keyspace, table: table.name, name: column.name, type: column.type))
                expressions.append(.column(column))
            }
        } else {
            for selected in statement.selectors {
                let (expression, type, name) = try Self.expression(selected.selector, table: table, evaluator: evaluator)
                columns.append(ResultColumn(keyspace: table.keyspace, table: table.name, name: selected.alias?.name ?? name, type: type))
                expressions.append(expression)
            }
        }
        self.columns = columns
        self.expressions = expressions
        isAggregate = expressions.contains { expression in
            switch expression {
            case .countRows, .aggregate: true
            default: false
            }
        }
    }

    private static func column(_ identifier: Identifier, table: TableSchema) throws(ExecutionError) -> ColumnSchema {
        guard let column = table.column(named: identifier.name) else {
            throw .invalid("Undefined column name \(identifier.cqlText) in selection clause")
        }
        return column
    }

    private static func expression(_ selector: Selector, table: TableSchema, evaluator: TermEvaluator) throws(ExecutionError) -> (Expression, CQLType, String) {
        switch selector {
        case .column(let identifier):
            let column = try column(identifier, table: table)
            return (.column(column), column.type, column.name)
        case .countRows:
            return (.countRows, .bigint, "count")
        case .writeTime(let identifier), .maxWriteTime(let identifier):
            let column = try column(identifier, table: table)
            guard !column.isPrimaryKey else { throw .invalid("Cannot use selection function writetime on PRIMARY KEY part \(column.name)") }
            guard !column.isMultiCell else { throw .invalid("Cannot use selection function writetime on non-frozen collection \(column.name)") }
            return (.writetime(column), .bigint, "writetime(\(column.name))")
        case .timeToLive(let identifier):
            let column = try column(identifier, table: table)
            guard !column.isPrimaryKey else { throw .invalid("Cannot use selection function ttl on PRIMARY KEY part \(column.name)") }
            guard !column.isMultiCell else { throw .invalid("Cannot use selection function ttl on non-frozen collection \(column.name)") }
            return (.ttl(column), .int, "ttl(\(column.name))")
        case .function(let name, let arguments):
            return try function(name.name.name, arguments, table: table, evaluator: evaluator)
        case .cast(let inner, let type):
            let (expression, innerType, innerName) = try expression(inner, table: table, evaluator: evaluator)
            let target = type.cqlType
            guard CastConversion.isSupported(from: innerType, to: target) else {
                throw .invalid("\(innerType) cannot be cast to \(target)")
            }
            return (.cast(expression, from: innerType, to: target), target, "cast(\(innerName) as \(target))")
        case .term(let term):
            throw .invalid("Selecting a constant (\(term)) requires a type hint, e.g. (int)1")
        case .typeHint(let type, .term(let term)):
            let receiver = Receiver(keyspace: table.keyspace, table: table.name, name: "(\(type))", type: type.cqlType)
            return (.constant(try evaluator.raw(term, for: receiver).bytes), type.cqlType, "(\(type))\(term)")
        case .field, .element, .typeHint:
            throw .invalid("Field and element selections are not supported by the embedded server")
        }
    }

    private static func function(_ name: String, _ arguments: [Selector], table: TableSchema, evaluator: TermEvaluator) throws(ExecutionError) -> (Expression, CQLType, String) {
        func argumentColumn(_ index: Int) throws(ExecutionError) -> ColumnSchema {
            guard index < arguments.count, case .column(let identifier) = arguments[index] else {
                throw .invalid("Function \(name) expects a column as argument \(index + 1)")
            }
            return try column(identifier, table: table)
        }
        switch name {
        case "token":
            var columns: [ColumnSchema] = []
            for index in arguments.indices { columns.append(try argumentColumn(index)) }
            guard columns.map(\.name) == table.partitionKey.map({ table.columns[$0].name }) else {
                throw .invalid("Type error: token function arguments must be the partition key columns in order")
            }
            return (.token(columns), .bigint, "system.token(\(columns.map(\.name).joined(separator: ", ")))")
        case "count":
            if arguments.count == 1, case .term(.literal(.integer)) = arguments[0] { return (.countRows, .bigint, "count") }
            let column = try argumentColumn(0)
            return (.aggregate("count", .column(column), .bigint), .bigint, "system.count(\(column.name))")
        case "min", "max", "sum", "avg":
            let column = try argumentColumn(0)
            return (.aggregate(name, .column(column), column.type), column.type, "system.\(name)(\(column.name))")
        case "similarity_cosine", "similarity_euclidean", "similarity_dot_product":
            guard arguments.count == 2 else { throw .invalid("Invalid number of arguments for function system.\(name)") }
            let column = try argumentColumn(0)
            guard case .vector(let element, _) = column.type, element == .float else {
                throw .invalid("Function system.\(name) requires a float vector argument, but found \(column.name) of type \(column.type)")
            }
            guard case .term(let term) = arguments[1] else { throw .invalid("Function system.\(name) expects a vector literal or bind marker") }
            let receiver = Receiver(keyspace: table.keyspace, table: table.name, name: column.name, type: column.type)
            let query: [Float]
            if case .vector(let values)? = try evaluator.value(term, for: receiver) {
                query = values.compactMap { if case .float(let value) = $0 { value } else { nil } }
            } else if evaluator.isPreparing {
                query = []
            } else {
                throw .invalid("Invalid null vector for function system.\(name)")
            }
            let function = CQLVectorSimilarity(name: name)!
            return (.similarity(function, column, query), .float, "system.\(name)(\(column.name), \(term))")
        case "totimestamp", "todate", "tounixtimestamp", "dateof", "unixtimestampof":
            guard arguments.count == 1 else { throw .invalid("Invalid number of arguments in call to function system.\(name)") }
            let (inner, innerType, innerName) = try expression(arguments[0], table: table, evaluator: evaluator)
            guard [.timeuuid, .timestamp, .date].contains(innerType) else {
                throw .invalid("Type error: \(innerName) cannot be passed as argument 0 of function system.\(name) of type \(innerType)")
            }
            let result: CQLType = switch name {
            case "todate": .date
            case "tounixtimestamp", "unixtimestampof": .bigint
            default: .timestamp
            }
            return (.temporal(name, inner), result, "system.\(name)(\(innerName))")
        default:
            throw .invalid("Unknown function '\(name)'")
        }
    }
}
