import CassandraDriver
import CassandraEventSourcing
import CQLTesting

/// Events and an aggregate shared by the event-sourcing integration tests.
enum EventSourcingFixtures {
    struct Deposited: DomainEvent, Equatable {
        static let eventType = "account.deposited"
        var amount: Int
    }

    struct Withdrawn: DomainEvent, Equatable {
        static let eventType = "account.withdrawn"
        var amount: Int
    }

    struct Account: AggregateState, Codable, Equatable {
        static let category = "account"
        var balance = 0
        var operations = 0

        mutating func apply(_ event: any DomainEvent) throws {
            switch event {
            case let deposited as Deposited: balance += deposited.amount
            case let withdrawn as Withdrawn: balance -= withdrawn.amount
            default: break
            }
            operations += 1
        }
    }

    static var registry: EventTypeRegistry {
        var registry = EventTypeRegistry()
        registry.register(Deposited.self)
        registry.register(Withdrawn.self)
        return registry
    }

    /// Runs `body` with an event store whose schema exists in a fresh keyspace.
    static func withStore<T: Sendable>(_ body: (EventStore, Session) async throws -> T) async throws -> T {
        try await withTestSession { session, keyspace in
            let store = try EventStore(session: session, keyspace: keyspace)
            try await store.createSchema()
            return try await body(store, session)
        }
    }

    /// Every event of a stream.
    static func events(of stream: String, in store: EventStore, from version: Int64 = 1, pageSize: Int32 = 500)
        async throws -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        for try await event in store.read(stream: stream, from: version, pageSize: pageSize) { events.append(event) }
        return events
    }
}
