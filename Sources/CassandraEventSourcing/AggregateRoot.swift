/// An aggregate instance: its id, state, the version it was loaded at and the events raised
/// since, which ``AggregateRepository/save(_:metadata:)`` appends with the loaded version as
/// the expected version.
///
/// ```swift
/// var account = try await repository.load(id: "alice")
/// guard account.state.balance >= 10 else { throw InsufficientFunds() }
/// try account.raise(Withdrawn(amount: 10))
/// try await repository.save(&account)
/// ```
public struct AggregateRoot<State: AggregateState>: Sendable {
    /// The aggregate id, unique within ``AggregateState/category``.
    public let id: String
    /// The current state, including raised events.
    public private(set) var state: State
    /// The stream version the aggregate was loaded at (or last saved at); 0 for a new one.
    public private(set) var persistedVersion: Int64
    /// Events raised since loading or saving, in order.
    public private(set) var pendingEvents: [any DomainEvent]

    /// The aggregate's stream id: `"\(category)-\(id)"`.
    public var streamID: String { Self.streamID(for: id) }

    /// The version including pending events.
    public var version: Int64 { persistedVersion + Int64(pendingEvents.count) }

    /// A new aggregate with no events.
    /// - Parameter id: the aggregate id.
    public init(id: String) {
        self.init(id: id, state: State(), version: 0)
    }

    /// An aggregate at a known state and version, with nothing pending (used after loading).
    /// - Parameters:
    ///   - id: the aggregate id.
    ///   - state: the state at `version`.
    ///   - version: the stream version `state` reflects.
    public init(id: String, state: State, version: Int64) {
        self.id = id
        self.state = state
        self.persistedVersion = version
        self.pendingEvents = []
    }

    /// The stream id for an aggregate id.
    /// - Parameter id: the aggregate id.
    /// - Returns: `"\(category)-\(id)"`.
    public static func streamID(for id: String) -> String {
        "\(State.category)-\(id)"
    }

    /// Applies a new event to the state and records it for the next save.
    /// - Parameter event: the event.
    /// - Throws: what ``AggregateState/apply(_:)`` throws; nothing is recorded then.
    public mutating func raise(_ event: any DomainEvent) throws {
        try state.apply(event)
        pendingEvents.append(event)
    }

    /// Applies an already stored event (replay); it is not recorded as pending.
    /// - Parameters:
    ///   - event: the stored event, decoded.
    ///   - version: its stream version.
    /// - Throws: what ``AggregateState/apply(_:)`` throws.
    public mutating func replay(_ event: any DomainEvent, version: Int64) throws {
        try state.apply(event)
        persistedVersion = version
    }

    /// Marks the pending events as stored at `version`.
    /// - Parameter version: the stream version after the append.
    mutating func markCommitted(at version: Int64) {
        persistedVersion = version
        pendingEvents = []
    }
}
