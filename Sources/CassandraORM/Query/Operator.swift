/// A query operator of the object syntax (`["rating": ["$gte": 4.5]]`) and its CQL form.
public enum Operator: String, Sendable, Hashable, CaseIterable {
    /// `=`.
    case eq = "$eq"
    /// `!=` (needs filtering).
    case ne = "$ne"
    /// `>`.
    case gt = "$gt"
    /// `>=`.
    case gte = "$gte"
    /// `<`.
    case lt = "$lt"
    /// `<=`.
    case lte = "$lte"
    /// `IN (…)`; the value is a list.
    case `in` = "$in"
    /// `CONTAINS`, for collections.
    case contains = "$contains"
    /// `CONTAINS KEY`, for maps.
    case containsKey = "$contains_key"
    /// `LIKE`, for text with a suitable index.
    case like = "$like"

    /// The CQL spelling.
    public var cql: String {
        switch self {
        case .eq: "="
        case .ne: "!="
        case .gt: ">"
        case .gte: ">="
        case .lt: "<"
        case .lte: "<="
        case .in: "IN"
        case .contains: "CONTAINS"
        case .containsKey: "CONTAINS KEY"
        case .like: "LIKE"
        }
    }

    /// Whether the operator restricts a range (`>`, `>=`, `<`, `<=`).
    var isRange: Bool { self == .gt || self == .gte || self == .lt || self == .lte }
}

/// One parsed restriction: `field op value`, or `token(partition key) op token(value)`.
struct Restriction: Sendable, Hashable {
    var field: String
    var op: Operator
    var value: ORMValue
    /// Whether this restricts the partition key's token (`$token`).
    var isToken = false
}

/// Parses query objects into restrictions.
enum QueryParser {
    /// Parses `query`: field names to values (equality) or operator objects, plus `$and`
    /// (a list of query objects).
    /// - Throws: ``ORMError/Code/invalidQuery`` for unknown operators or malformed `$and`/`$in`.
    static func restrictions(_ query: [String: ORMValue], table: String) throws(ORMError) -> [Restriction] {
        var result: [Restriction] = []
        for (key, value) in query.sorted(by: { $0.key < $1.key }) {
            if key == "$and" {
                guard case .list(let parts) = value else {
                    throw ORMError(.invalidQuery, "$and takes a list of query objects", table: table)
                }
                for part in parts {
                    guard case .map(let object) = part else {
                        throw ORMError(.invalidQuery, "$and takes a list of query objects", table: table)
                    }
                    result += try restrictions(object, table: table)
                }
                continue
            }
            if key.hasPrefix("$") {
                throw ORMError(.invalidQuery, "'\(key)' is not a top-level operator; use $and or a field name", table: table)
            }
            result += try fieldRestrictions(key, value, table: table)
        }
        return result
    }

    private static func fieldRestrictions(_ field: String, _ value: ORMValue, table: String) throws(ORMError) -> [Restriction] {
        guard case .map(let object) = value, !object.isEmpty, object.keys.allSatisfy({ $0.hasPrefix("$") }) else {
            return [Restriction(field: field, op: .eq, value: value)]
        }
        var result: [Restriction] = []
        for name in object.keys.sorted() {
            let operand = object[name]!
            if name == "$token" {
                guard case .map(let tokenObject) = operand, !tokenObject.isEmpty else {
                    throw ORMError(.invalidQuery, "$token takes an operator object such as [\"$gt\": value]", table: table, field: field)
                }
                for tokenName in tokenObject.keys.sorted() {
                    guard let op = Operator(rawValue: tokenName), op == .eq || op.isRange else {
                        throw ORMError(.invalidQuery, "$token supports $eq, $gt, $gte, $lt and $lte, not \(tokenName)", table: table, field: field)
                    }
                    result.append(Restriction(field: field, op: op, value: tokenObject[tokenName]!, isToken: true))
                }
                continue
            }
            guard let op = Operator(rawValue: name) else {
                let known = (Operator.allCases.map(\.rawValue) + ["$token"]).joined(separator: ", ")
                throw ORMError(.invalidQuery, "unknown operator '\(name)'; use one of \(known)", table: table, field: field)
            }
            if op == .in, operand.listValue == nil {
                throw ORMError(.invalidQuery, "$in takes a list of values", table: table, field: field)
            }
            result.append(Restriction(field: field, op: op, value: operand))
        }
        return result
    }
}
