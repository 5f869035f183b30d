import CassandraEventSourcing
import Foundation
import XCTest

final class EventTypeRegistryTests: XCTestCase {
    private var registry: EventTypeRegistry {
        var registry = EventTypeRegistry()
        registry.register(Added.self)
        registry.register(Reset.self)
        return registry
    }

    private func recorded(_ data: EventData) -> RecordedEvent {
        RecordedEvent(streamID: "s", version: 1, eventType: data.eventType, payload: data.payload, metadata: data.metadata,
                      recordedAt: Date(timeIntervalSince1970: 0))
    }

    func testEncodeThenDecodeRoundTripsWithTypeNameAndMetadata() throws {
        let data = try registry.encode(Added(amount: 4), metadata: ["user": "ann"])
        XCTAssertEqual(data.eventType, "counter.added")
        XCTAssertEqual(data.metadata, ["user": "ann"])
        XCTAssertEqual(try JSONSerialization.jsonObject(with: Data(data.payload)) as? [String: Int], ["amount": 4])
        XCTAssertEqual(try registry.decode(recorded(data)) as? Added, Added(amount: 4))
        XCTAssertNotNil(try registry.decode(recorded(try registry.encode(Reset()))) as? Reset)
        XCTAssertTrue(registry.contains("counter.reset"))
        XCTAssertFalse(registry.contains("counter.unregistered"))
    }

    func testUnregisteredTypesAreRejectedBothWays() {
        XCTAssertThrowsError(try registry.encode(Unregistered())) { error in
            XCTAssertEqual((error as? EventStoreError)?.code, .unknownEventType)
            XCTAssertEqual((error as? EventStoreError)?.eventType, "counter.unregistered")
        }
        let stored = RecordedEvent(streamID: "s", version: 3, eventType: "counter.unregistered", payload: Array("{}".utf8),
                                   metadata: [:], recordedAt: Date())
        XCTAssertThrowsError(try registry.decode(stored)) { error in
            XCTAssertEqual((error as? EventStoreError)?.code, .unknownEventType)
            XCTAssertEqual((error as? EventStoreError)?.stream, "s")
        }
    }

    func testAMalformedPayloadIsADecodingError() {
        let stored = RecordedEvent(streamID: "s", version: 2, eventType: "counter.added", payload: Array("{\"amount\":\"x\"}".utf8),
                                   metadata: [:], recordedAt: Date())
        XCTAssertThrowsError(try registry.decode(stored)) { error in
            let error = error as? EventStoreError
            XCTAssertEqual(error?.code, .decodingFailed)
            XCTAssertNotNil(error?.underlying)
            XCTAssertFalse(error?.description.contains("amount") ?? true, "descriptions leave payloads out")
        }
    }
}
