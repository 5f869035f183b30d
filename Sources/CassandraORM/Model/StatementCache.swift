import CassandraDriver
import CQLProtocol
import Synchronization

/// A model's prepared statements by shape: which columns an INSERT writes, or which
/// fields and operators a read restricts. A hit skips building and validating the CQL
/// text, quoting identifiers and looking the text up in the driver's cache.
///
/// Entries belong to one driver session: after the client reconnects, entries of the old
/// session are ignored and the first store empties the cache. Bounded: when full it is
/// emptied and refills with the shapes in use.
///
/// ``EqualityShape``s, the reads by key that an application repeats most, are kept apart
/// in a short list searched by comparison: a model has few of them, and comparing a shape
/// with each costs less than hashing it. The list keeps the most recent
/// ``equalityCapacity`` shapes.
final class StatementCache: Sendable {
    /// The shape of a statement: everything its CQL text depends on.
    enum Key: Hashable, Sendable {
        /// An INSERT of the columns at `columns` (positions in ``ColumnLayout``).
        case insert(columns: [Int], ifNotExists: Bool, ttl: Bool, timestamp: Bool)
        /// A SELECT (or `SELECT COUNT(*)`).
        case read(ReadShape)
        /// A SELECT (or `SELECT COUNT(*)`) restricting fields by equality only.
        case equality(EqualityShape)
    }

    private struct State {
        /// Held strongly so that a new session can never take its identity.
        var session: Session?
        var entries: [Key: PreparedStatement] = [:]
        var equalities: [(shape: EqualityShape, statement: PreparedStatement)] = []
    }

    private let state = Mutex(State())
    /// The most entries kept, besides equality shapes.
    let capacity: Int
    /// The most equality shapes kept.
    let equalityCapacity: Int

    /// Creates an empty cache.
    /// - Parameters:
    ///   - capacity: the most entries kept, besides equality shapes.
    ///   - equalityCapacity: the most equality shapes kept.
    init(capacity: Int = 256, equalityCapacity: Int = 16) {
        self.capacity = capacity
        self.equalityCapacity = equalityCapacity
    }

    /// The statement for `key` prepared on `session`, if any.
    func statement(for key: Key, session: Session) -> PreparedStatement? {
        state.withLock { state in
            guard state.session === session else { return nil }
            guard case .equality(let shape) = key else { return state.entries[key] }
            return state.equalities.first { $0.shape == shape }?.statement
        }
    }

    /// Stores `statement` for `key`, prepared on `session`.
    func store(_ statement: PreparedStatement, for key: Key, session: Session) {
        state.withLock { state in
            if state.session !== session {
                state = State(session: session)
            }
            guard case .equality(let shape) = key else {
                if state.entries.count >= capacity { state.entries = [:] }
                state.entries[key] = statement
                return
            }
            state.equalities.removeAll { $0.shape == shape }
            if state.equalities.count >= equalityCapacity { state.equalities.removeFirst() }
            state.equalities.append((shape, statement))
        }
    }
}

/// The shape of a read: the restricted fields and operators in statement order, and the
/// options that change the CQL text.
struct ReadShape: Hashable, Sendable {
    struct Relation: Hashable, Sendable {
        var field: String
        var op: Operator
        var isToken: Bool
    }

    var relations: [Relation]
    var select: [String]?
    var orderBy: [String]
    var directions: [SortDirection]
    var perPartitionLimit: Bool
    var limit: LimitClause
    var allowFiltering: Bool
    var isCount: Bool

    /// - Parameters:
    ///   - ordered: the restrictions, in ``QueryBuilder/ordered(_:)`` order.
    ///   - options: the read options.
    ///   - isCount: whether this is `SELECT COUNT(*)`.
    init(_ ordered: [Restriction], options: FindOptions, isCount: Bool) {
        relations = ordered.map { Relation(field: $0.field, op: $0.op, isToken: $0.isToken) }
        select = options.select
        orderBy = options.orderBy.map(\.key)
        directions = options.orderBy.map(\.value)
        perPartitionLimit = options.perPartitionLimit != nil
        limit = LimitClause(options.limit)
        allowFiltering = options.allowFiltering
        self.isCount = isCount
    }
}

/// A model's columns in a fixed order, with their server-reported types.
struct ColumnLayout: Sendable {
    /// Column names by position.
    let names: [String]
    /// Column types by position; `nil` when the server did not report the column.
    let types: [CQLType?]
    /// Positions by column name.
    let positions: [String: Int]
    /// The number of leading positions that hold the primary key.
    let keyCount: Int

    init(names: [String], types: [String: CQLType], keyCount: Int) {
        self.names = names
        self.types = names.map { types[$0] }
        positions = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0.element, $0.offset) })
        self.keyCount = keyCount
    }
}
