/// A comparison operator of a `WHERE` relation or an `IF` condition (`Operator` in Cassandra).
public enum Operator: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `=`
    case equal = "="
    /// `<`
    case lessThan = "<"
    /// `<=`
    case lessThanOrEqual = "<="
    /// `>`
    case greaterThan = ">"
    /// `>=`
    case greaterThanOrEqual = ">="
    /// `!=`
    case notEqual = "!="
    /// `IN`
    case `in` = "IN"
    /// `NOT IN`
    case notIn = "NOT IN"
    /// `CONTAINS`
    case contains = "CONTAINS"
    /// `CONTAINS KEY`
    case containsKey = "CONTAINS KEY"
    /// `NOT CONTAINS`
    case notContains = "NOT CONTAINS"
    /// `NOT CONTAINS KEY`
    case notContainsKey = "NOT CONTAINS KEY"
    /// `LIKE`
    case like = "LIKE"
    /// `IS NOT` (only as `IS NOT NULL`)
    case isNot = "IS NOT"
    /// `BETWEEN … AND …`
    case between = "BETWEEN"

    /// The operator as written in CQL.
    public var description: String { rawValue }
}
