import CQLProtocol

extension Selection {
    /// The output row for `row` (non-aggregate selections).
    func project(_ row: ResolvedRow) -> [[UInt8]?] {
        expressions.map { Self.evaluate($0, row) }
    }

    static func evaluate(_ expression: Expression, _ row: ResolvedRow) -> [UInt8]? {
        switch expression {
        case .column(let column):
            return RowFilter.value(of: column, in: row)
        case .writetime(let column):
            return row.value(slot: column.slot)?.writetime.map { withUnsafeBytes(of: $0.bigEndian) { Array($0) } }
        case .ttl(let column):
            return row.value(slot: column.slot)?.ttl.map { withUnsafeBytes(of: $0.bigEndian) { Array($0) } }
        case .token:
            return withUnsafeBytes(of: row.token.bigEndian) { Array($0) }
        case .constant(let bytes):
            return bytes
        case .similarity(let function, let column, let query):
            guard let bytes = row.value(slot: column.slot)?.bytes, let vector = VectorSimilarity.floats(bytes) else { return nil }
            let score = VectorSimilarity.score(function, vector, query)
            return withUnsafeBytes(of: score.bitPattern.bigEndian) { Array($0) }
        case .temporal(let name, let inner):
            guard let bytes = evaluate(inner, row) else { return nil }
            let millis: Int64?
            switch bytes.count {
            case 16:
                if case .timeuuid(let uuid)? = try? CQLValue.decode(bytes, as: .timeuuid) {
                    millis = TimeUUIDSource.millis(of: uuid)
                } else {
                    millis = nil
                }
            case 8: millis = bytes.reduce(Int64(0)) { $0 << 8 | Int64($1) }
            case 4:
                let raw = bytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                millis = Int64(Int32(bitPattern: raw &- 0x8000_0000)) * 86_400_000
            default: millis = nil
            }
            guard let millis else { return nil }
            switch name {
            case "todate":
                let days = Int32(millis >= 0 ? millis / 86_400_000 : -((-millis + 86_399_999) / 86_400_000))
                return withUnsafeBytes(of: (UInt32(bitPattern: days) &+ 0x8000_0000).bigEndian) { Array($0) }
            default:
                return withUnsafeBytes(of: millis.bigEndian) { Array($0) }
            }
        case .cast(let inner, let source, let target):
            return evaluate(inner, row).flatMap { CastConversion.convert($0, from: source, to: target) }
        case .countRows, .aggregate:
            return nil
        }
    }

    /// The single output row of an aggregate selection over `rows`. Plain columns take the
    /// first row's values, as Cassandra does.
    func aggregate(_ rows: [ResolvedRow]) -> [[UInt8]?] {
        expressions.map { expression in
            switch expression {
            case .countRows:
                return withUnsafeBytes(of: Int64(rows.count).bigEndian) { Array($0) }
            case .aggregate(let name, let inner, let type):
                let values = rows.compactMap { Self.evaluate(inner, $0) }
                switch name {
                case "count":
                    return withUnsafeBytes(of: Int64(values.count).bigEndian) { Array($0) }
                case "min":
                    return values.min { ValueComparator.compare($0[...], $1[...], as: type) < 0 }
                case "max":
                    return values.max { ValueComparator.compare($0[...], $1[...], as: type) < 0 }
                default:
                    return Self.numericAggregate(name, values, type: type)
                }
            default:
                return rows.first.flatMap { Self.evaluate(expression, $0) }
            }
        }
    }

    /// `sum` and `avg` in the argument's type (integer averages truncate, as in Cassandra).
    private static func numericAggregate(_ name: String, _ values: [[UInt8]], type: CQLType) -> [UInt8]? {
        let decoded = values.compactMap { try? CQLValue.decode($0, as: type) }
        var integerSum: Int64 = 0
        var doubleSum: Double = 0
        for value in decoded {
            switch value {
            case .int(let number): integerSum &+= Int64(number)
            case .bigint(let number), .counter(let number): integerSum &+= number
            case .smallint(let number): integerSum &+= Int64(number)
            case .tinyint(let number): integerSum &+= Int64(number)
            case .float(let number): doubleSum += Double(number)
            case .double(let number): doubleSum += number
            case .varint(let number): integerSum &+= number.int64Value ?? 0
            case .decimal(let number): doubleSum += Double(number.description) ?? 0
            default: break
            }
        }
        let count = Int64(max(decoded.count, 1))
        let isAverage = name == "avg"
        let result: CQLValue? = switch type {
        case .int: .int(Int32(truncatingIfNeeded: isAverage ? integerSum / count : integerSum))
        case .bigint: .bigint(isAverage ? integerSum / count : integerSum)
        case .counter: .counter(isAverage ? integerSum / count : integerSum)
        case .smallint: .smallint(Int16(truncatingIfNeeded: isAverage ? integerSum / count : integerSum))
        case .tinyint: .tinyint(Int8(truncatingIfNeeded: isAverage ? integerSum / count : integerSum))
        case .varint: .varint(CQLVarint(isAverage ? integerSum / count : integerSum))
        case .float: .float(Float(isAverage ? doubleSum / Double(count) : doubleSum))
        case .double: .double(isAverage ? doubleSum / Double(count) : doubleSum)
        case .decimal: CQLDecimal(String(isAverage ? doubleSum / Double(count) : doubleSum)).map(CQLValue.decimal)
        default: nil
        }
        return result.flatMap { try? $0.serialized(as: type) }
    }
}
