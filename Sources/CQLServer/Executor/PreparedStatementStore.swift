import CQLProtocol
import Synchronization

/// A statement prepared on this server: its text, parsed form and metadata.
struct PreparedEntry: Sendable {
    /// The query text.
    var query: String
    /// The keyspace in effect when it was prepared.
    var keyspace: String?
    /// The parsed statement and its markers.
    var parsed: ParsedStatement
    /// The PREPARED response body.
    var prepared: ResponseMessage.Result.Prepared
    /// Marker names (named markers or receiver names), by index, for named values.
    var variableNames: [String]
}

/// The server's prepared statements, keyed by id. The id is an MD5 of keyspace and query,
/// as Cassandra computes it, so re-preparing the same text yields the same id.
final class PreparedStatementStore: Sendable {
    private let entries = Mutex<[[UInt8]: PreparedEntry]>([:])

    /// The id Cassandra gives `query` prepared in `keyspace`.
    static func id(query: String, keyspace: String?) -> [UInt8] {
        MD5.digest(Array(((keyspace ?? "") + query).utf8))
    }

    func entry(_ id: [UInt8]) -> PreparedEntry? {
        entries.withLock { $0[id] }
    }

    func store(_ entry: PreparedEntry, id: [UInt8]) {
        entries.withLock { $0[id] = entry }
    }

    /// Forgets every statement (clients then get UNPREPARED and re-prepare).
    func removeAll() {
        entries.withLock { $0.removeAll() }
    }
}
