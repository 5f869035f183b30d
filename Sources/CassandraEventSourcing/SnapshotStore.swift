import CassandraDriver
import Foundation

/// The latest snapshot of each stream: a JSON-encoded state and the version it reflects.
///
/// Each write carries `USING TIMESTAMP <version>`, so a snapshot of a later version always
/// wins over an earlier one, whatever order concurrent writers reach the replicas in; a
/// lost or stale snapshot only costs replaying more events on load. Two snapshots of the same
/// version tie on timestamp and Cassandra keeps the larger payload; both reflect the same
/// events, so either is correct.
public struct SnapshotStore: Sendable {
    /// The event store whose session and snapshots table are used.
    public let store: EventStore

    /// Creates a snapshot store on `store`'s snapshots table.
    /// - Parameter store: the event store.
    public init(store: EventStore) {
        self.store = store
    }

    /// Stores a snapshot unless a later one exists.
    /// - Parameters:
    ///   - state: the state.
    ///   - stream: the stream id.
    ///   - version: the stream version `state` reflects (at least 1).
    /// - Throws: ``EventStoreError/Code/encodingFailed``, ``EventStoreError/Code/driver``.
    public func save<S: Encodable>(_ state: S, stream: String, version: Int64) async throws {
        let payload: [UInt8]
        do {
            payload = Array(try JSONEncoder().encode(state))
        } catch {
            throw EventStoreError(.encodingFailed, "the snapshot does not encode as JSON", stream: stream, underlying: error)
        }
        try await store.driver {
            let insert = try await store.session.prepare(
                "INSERT INTO \(store.qualified.snapshots) (stream_id, version, payload) VALUES (?, ?, ?) USING TIMESTAMP ?")
            _ = try await store.session.execute(insert, stream, version, payload, version)
        }
    }

    /// The latest snapshot of a stream.
    /// - Parameters:
    ///   - type: the state type.
    ///   - stream: the stream id.
    /// - Returns: the state and its version, or `nil` when there is none.
    /// - Throws: ``EventStoreError/Code/decodingFailed``, ``EventStoreError/Code/driver``.
    public func load<S: Decodable>(_ type: S.Type, stream: String) async throws -> (state: S, version: Int64)? {
        let row = try await store.driver {
            let select = try await store.session.prepare(
                "SELECT version, payload FROM \(store.qualified.snapshots) WHERE stream_id = ?")
            let result = try await store.session.execute(select, stream)
            return try result.first.map { (try $0[0, as: Int64.self], try $0[1, as: [UInt8].self]) }
        }
        guard let (version, payload) = row else { return nil }
        do {
            return (try JSONDecoder().decode(S.self, from: Data(payload)), version)
        } catch {
            throw EventStoreError(.decodingFailed, "the snapshot does not decode as \(S.self)",
                                  stream: stream, underlying: error)
        }
    }
}
