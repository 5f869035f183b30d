import CassandraEventSourcing

struct Added: DomainEvent, Equatable {
    static let eventType = "counter.added"
    var amount: Int
}

struct Reset: DomainEvent, Equatable {
    static let eventType = "counter.reset"
}

struct Unregistered: DomainEvent {
    static let eventType = "counter.unregistered"
}

struct Counter: AggregateState, Codable, Equatable {
    struct Overflow: Error {}
    static let category = "counter"
    var total = 0

    mutating func apply(_ event: any DomainEvent) throws {
        switch event {
        case let added as Added:
            guard total + added.amount <= 100 else { throw Overflow() }
            total += added.amount
        case is Reset: total = 0
        default: break
        }
    }
}
