import Foundation

/// Loads and saves ``AggregateRoot``s of one kind through an ``EventStore``, with optimistic
/// concurrency: a save expects the stream to be at the version the aggregate was loaded at,
/// so of two concurrent saves of the same aggregate exactly one wins and the other throws
/// ``EventStoreError/Code/concurrencyConflict`` without writing anything.
///
/// ```swift
/// let accounts = AggregateRepository<Account>(store: store, registry: registry, snapshotPolicy: .everyEvents(50))
/// var account = try await accounts.load(id: "alice")
/// try account.raise(Deposited(amount: 10))
/// try await accounts.save(&account)
/// ```
///
/// With snapshots (states that are `Codable`), a load starts from the latest snapshot and
/// replays only the events after it. A snapshot is a cache: one that no longer decodes (the
/// state type changed) is skipped and the whole stream replayed.
public struct AggregateRepository<State: AggregateState>: Sendable {
    /// The result of a save.
    public struct SaveResult: Sendable {
        /// The stream version after the save.
        public var version: Int64
        /// Whether a snapshot was written.
        public var snapshotWritten: Bool
        /// Why the snapshot the policy asked for was not written. The events are committed
        /// regardless: a missing snapshot only makes loads replay more.
        public var snapshotError: EventStoreError?
    }

    private struct Snapshotting: Sendable {
        let policy: SnapshotPolicy
        let save: @Sendable (SnapshotStore, State, String, Int64) async throws -> Void
        let load: @Sendable (SnapshotStore, String) async throws -> (state: State, version: Int64)?
    }

    /// The event store.
    public let store: EventStore
    /// Decodes stored events and encodes raised ones.
    public let registry: EventTypeRegistry
    private let snapshotting: Snapshotting?

    /// A repository without snapshots: every load replays the whole stream.
    /// - Parameters:
    ///   - store: the event store.
    ///   - registry: the registry holding every event type of the aggregate.
    public init(store: EventStore, registry: EventTypeRegistry) {
        self.store = store
        self.registry = registry
        self.snapshotting = nil
    }

    /// Loads an aggregate: the latest snapshot if any, then the events after it. An id with
    /// no events gives a new aggregate at version 0.
    /// - Parameter id: the aggregate id.
    /// - Returns: the aggregate, with nothing pending.
    /// - Throws: ``EventStoreError`` (driver, unknown event type, decoding), or what
    ///   ``AggregateState/apply(_:)`` throws.
    public func load(id: String) async throws -> AggregateRoot<State> {
        let stream = AggregateRoot<State>.streamID(for: id)
        var aggregate = AggregateRoot<State>(id: id)
        if let snapshotting {
            do {
                if let snapshot = try await snapshotting.load(SnapshotStore(store: store), stream) {
                    aggregate = AggregateRoot(id: id, state: snapshot.state, version: snapshot.version)
                }
            } catch let error as EventStoreError where error.code == .decodingFailed {
                aggregate = AggregateRoot<State>(id: id)
            }
        }
        for try await event in store.read(stream: stream, from: aggregate.persistedVersion + 1) {
            try aggregate.replay(try registry.decode(event), version: event.version)
        }
        return aggregate
    }

    /// Appends the aggregate's pending events, expecting the stream at
    /// ``AggregateRoot/persistedVersion``; on success the events are no longer pending, and a
    /// snapshot is written when the policy asks for one.
    /// - Parameters:
    ///   - aggregate: the aggregate; unchanged when the save throws.
    ///   - metadata: metadata stored with each event.
    /// - Returns: the new version and what happened to the snapshot.
    /// - Throws: ``EventStoreError/Code/concurrencyConflict`` when another save won (reload
    ///   and retry the command), and other ``EventStoreError``s.
    @discardableResult
    public func save(_ aggregate: inout AggregateRoot<State>, metadata: [String: String] = [:]) async throws -> SaveResult {
        let previous = aggregate.persistedVersion
        guard !aggregate.pendingEvents.isEmpty else {
            return SaveResult(version: previous, snapshotWritten: false, snapshotError: nil)
        }
        let events = try aggregate.pendingEvents.map { try registry.encode($0, metadata: metadata) }
        let version = try await store.append(
            to: aggregate.streamID, expectedVersion: ExpectedVersion(streamVersion: previous), events: events)
        aggregate.markCommitted(at: version)
        var result = SaveResult(version: version, snapshotWritten: false, snapshotError: nil)
        if let snapshotting, snapshotting.policy.shouldSnapshot(previousVersion: previous, newVersion: version) {
            do {
                try await snapshotting.save(SnapshotStore(store: store), aggregate.state, aggregate.streamID, version)
                result.snapshotWritten = true
            } catch {
                result.snapshotError = error as? EventStoreError
                    ?? EventStoreError(.driver, "writing the snapshot failed; see underlying", stream: aggregate.streamID,
                                       underlying: error)
            }
        }
        return result
    }
}

extension AggregateRepository where State: Codable {
    /// A repository that snapshots the (`Codable`) state according to `snapshotPolicy`.
    /// - Parameters:
    ///   - store: the event store.
    ///   - registry: the registry holding every event type of the aggregate.
    ///   - snapshotPolicy: when to write snapshots.
    public init(store: EventStore, registry: EventTypeRegistry, snapshotPolicy: SnapshotPolicy) {
        self.store = store
        self.registry = registry
        self.snapshotting = Snapshotting(
            policy: snapshotPolicy,
            save: { snapshots, state, stream, version in try await snapshots.save(state, stream: stream, version: version) },
            load: { snapshots, stream in try await snapshots.load(State.self, stream: stream) })
    }
}
