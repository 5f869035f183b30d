/// How a read's text limits its rows: ``FindOptions/limit`` as the statement sees it.
///
/// A limit of one, what ``Model/findOne(_:options:)`` reads, is written into the text as
/// `LIMIT 1`, as one would write it by hand: it is a constant of the statement's shape, so
/// the statement binds nothing but the query's values and the server parses no marker for
/// it. Every other limit is a `LIMIT ?` marker, so that one prepared statement serves all.
enum LimitClause: Hashable, Sendable {
    /// No `LIMIT`.
    case unlimited
    /// `LIMIT 1`.
    case one
    /// `LIMIT ?`, bound to the limit.
    case bound

    /// The clause of `limit`.
    /// - Parameter limit: ``FindOptions/limit``.
    init(_ limit: Int?) {
        switch limit {
        case nil: self = .unlimited
        case 1: self = .one
        default: self = .bound
        }
    }

    /// The clause's text, with its leading space.
    var cql: String {
        switch self {
        case .unlimited: ""
        case .one: " LIMIT 1"
        case .bound: " LIMIT ?"
        }
    }
}
