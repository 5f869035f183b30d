#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CassandraORM

/// A filter on the fields of a change (``ChangeEvent/fields``), written in the ORM's query
/// vocabulary and evaluated in the subscriber, not by Cassandra.
///
/// ```swift
/// let condition = try ChangeCondition(["status": "paid", "total": ["$gte": 100], "tags": ["$contains": "vip"]])
/// condition.matches(event.fields)
/// ```
///
/// Every restriction must hold (`$and` of a list of objects nests them). A field missing
/// from the change counts as `null`: `$eq: nil` and `$ne` match it, the other operators do
/// not. Numbers compare across integer and floating point, a UUID equals its string form,
/// dates compare with dates, text with text (by Unicode scalars), timeuuids by their time.
/// `$in` takes a list; `$contains` tests a list's elements, a map's values or a substring;
/// `$contains_key` a map's keys; `$like` takes `%` wildcards at either end, as CQL's SAI
/// `LIKE` does. A value of another kind than the operand (an update's `["$incr": 1]`
/// operator object, say) never satisfies a comparison.
public struct ChangeCondition: Sendable, Hashable {
    /// One `field op operand` restriction.
    struct Restriction: Sendable, Hashable {
        var field: String
        var op: Operator
        var operand: ORMValue
    }

    let restrictions: [Restriction]

    /// The condition that every change satisfies.
    public static let always = ChangeCondition(restrictions: [])

    private init(restrictions: [Restriction]) { self.restrictions = restrictions }

    /// Parses a query object.
    /// - Parameter query: field names to values (equality) or operator objects, plus `$and`.
    /// - Throws: ``SubscriptionError/Code/invalidCondition`` for unknown operators, `$token`,
    ///   a non-list `$in` or a malformed `$and`.
    public init(_ query: [String: ORMValue]) throws(SubscriptionError) {
        restrictions = try Self.parse(query)
    }

    /// Whether the fields of a change satisfy every restriction.
    /// - Parameter fields: the change's fields (see ``ChangeEvent/fields``).
    /// - Returns: `true` when all restrictions hold.
    public func matches(_ fields: [String: ORMValue]) -> Bool {
        restrictions.allSatisfy { Self.holds($0, fields[$0.field] ?? .null) }
    }

    private static func parse(_ query: [String: ORMValue]) throws(SubscriptionError) -> [Restriction] {
        var result: [Restriction] = []
        for (key, value) in query.sorted(by: { $0.key < $1.key }) {
            if key == "$and" {
                guard case .list(let parts) = value else { throw invalid("$and takes a list of query objects") }
                for part in parts {
                    guard case .map(let object) = part else { throw invalid("$and takes a list of query objects") }
                    result += try parse(object)
                }
                continue
            }
            if key.hasPrefix("$") { throw invalid("'\(key)' is not a top-level operator; use $and or a field name") }
            guard case .map(let object) = value, !object.isEmpty, object.keys.allSatisfy({ $0.hasPrefix("$") }) else {
                result.append(Restriction(field: key, op: .eq, operand: value))
                continue
            }
            for name in object.keys.sorted() {
                guard let op = Operator(rawValue: name) else {
                    let known = Operator.allCases.map(\.rawValue).joined(separator: ", ")
                    throw invalid("unknown operator '\(name)' on '\(key)'; use one of \(known)")
                }
                let operand = object[name]!
                if op == .in, operand.listValue == nil { throw invalid("$in on '\(key)' takes a list of values") }
                if op == .like, operand.stringValue == nil { throw invalid("$like on '\(key)' takes a text pattern") }
                result.append(Restriction(field: key, op: op, operand: operand))
            }
        }
        return result
    }

    private static func invalid(_ message: String) -> SubscriptionError {
        SubscriptionError(.invalidCondition, message)
    }

    static func holds(_ restriction: Restriction, _ value: ORMValue) -> Bool {
        let operand = restriction.operand
        switch restriction.op {
        case .eq: return equal(value, operand)
        case .ne: return !equal(value, operand)
        case .gt: return order(value, operand).map { $0 > 0 } ?? false
        case .gte: return order(value, operand).map { $0 >= 0 } ?? false
        case .lt: return order(value, operand).map { $0 < 0 } ?? false
        case .lte: return order(value, operand).map { $0 <= 0 } ?? false
        case .in: return operand.listValue?.contains { equal(value, $0) } ?? false
        case .contains:
            switch value {
            case .list(let elements): return elements.contains { equal($0, operand) }
            case .map(let entries): return entries.values.contains { equal($0, operand) }
            case .string(let text): return operand.stringValue.map { text.contains($0) } ?? false
            default: return false
            }
        case .containsKey:
            guard case .map(let entries) = value, let key = operand.stringValue else { return false }
            return entries[key] != nil
        case .like:
            guard let text = value.stringValue, let pattern = operand.stringValue else { return false }
            return like(text, pattern)
        }
    }

    /// Equality with numbers compared by value and UUIDs equal to their text.
    static func equal(_ left: ORMValue, _ right: ORMValue) -> Bool {
        switch (left, right) {
        case (.int, .double), (.double, .int): return left.doubleValue == right.doubleValue
        case (.uuid(let uuid), .string(let text)), (.string(let text), .uuid(let uuid)): return UUID(uuidString: text) == uuid
        case (.list(let leftElements), .list(let rightElements)):
            return leftElements.count == rightElements.count && zip(leftElements, rightElements).allSatisfy { equal($0, $1) }
        default: return left == right
        }
    }

    /// The order of two values of comparable kinds, or `nil`.
    static func order(_ left: ORMValue, _ right: ORMValue) -> Int? {
        func sign<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }
        switch (left, right) {
        case (.int(let a), .int(let b)): return sign(a, b)
        case (.int, .double), (.double, .int), (.double, .double):
            guard let a = left.doubleValue, let b = right.doubleValue, !a.isNaN, !b.isNaN else { return nil }
            return sign(a, b)
        case (.string(let a), .string(let b)):
            if a == b { return 0 }
            return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) ? -1 : 1
        case (.date(let a), .date(let b)): return sign(a, b)
        case (.bool(let a), .bool(let b)): return sign(a ? 1 : 0, b ? 1 : 0)
        case (.uuid(let a), .uuid(let b)) where a.isTimeBased && b.isTimeBased: return ChangeID.compare(a, b).signum()
        case (.uuid(let a), .string(let text)): return UUID(uuidString: text).flatMap { order(.uuid(a), .uuid($0)) }
        default: return nil
        }
    }

    /// CQL `LIKE`: `%` at the start and/or end is a wildcard; otherwise an exact match.
    static func like(_ text: String, _ pattern: String) -> Bool {
        let leading = pattern.hasPrefix("%"), trailing = pattern.count > 1 && pattern.hasSuffix("%")
        var core = Substring(pattern)
        if leading { core = core.dropFirst() }
        if trailing { core = core.dropLast() }
        switch (leading, trailing) {
        case (true, true): return core.isEmpty || text.contains(core)
        case (true, false): return text.hasSuffix(core)
        case (false, true): return text.hasPrefix(core)
        case (false, false): return text == core
        }
    }
}
