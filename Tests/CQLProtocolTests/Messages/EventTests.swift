import XCTest
@testable import CQLProtocol

final class EventTests: XCTestCase {
    private let localhost = CQLInetEndpoint(address: try! CQLInetAddress(bytes: [127, 0, 0, 1]), port: 9042)
    private let ipv6Loopback = CQLInetEndpoint(address: try! CQLInetAddress(bytes: Array(repeating: 0, count: 15) + [1]), port: 9042)

    /// EVENT bodies (native_protocol_v4.spec §4.2.6): [string] type, then the type's fields.
    private var goldens: [(String, [UInt8], ResponseMessage.Event)] {
        [
            ("topology change, IPv4",
             [0x00, 0x0F] + ascii("TOPOLOGY_CHANGE")
                + [0x00, 0x08] + ascii("NEW_NODE")
                + [0x04, 0x7F, 0x00, 0x00, 0x01]         // [inet] size 4, 127.0.0.1
                + [0x00, 0x00, 0x23, 0x52],              // port 9042
             .topologyChange(.newNode, node: localhost)),
            ("status change, IPv6",
             [0x00, 0x0D] + ascii("STATUS_CHANGE")
                + [0x00, 0x04] + ascii("DOWN")
                + [0x10] + Array(repeating: 0, count: 15) + [0x01]  // [inet] size 16, ::1
                + [0x00, 0x00, 0x23, 0x52],
             .statusChange(.down, node: ipv6Loopback)),
            ("schema change, table",
             [0x00, 0x0D] + ascii("SCHEMA_CHANGE")
                + [0x00, 0x07] + ascii("CREATED")
                + [0x00, 0x05] + ascii("TABLE")
                + [0x00, 0x02] + ascii("ks") + [0x00, 0x05] + ascii("users"),
             .schemaChange(.init(changeType: .created, target: .table(keyspace: "ks", name: "users")))),
            ("schema change, function",
             [0x00, 0x0D] + ascii("SCHEMA_CHANGE")
                + [0x00, 0x07] + ascii("DROPPED")
                + [0x00, 0x08] + ascii("FUNCTION")
                + [0x00, 0x02] + ascii("ks") + [0x00, 0x03] + ascii("add")
                + [0x00, 0x02, 0x00, 0x03] + ascii("int") + [0x00, 0x03] + ascii("int"),  // [string list] arg types
             .schemaChange(.init(changeType: .dropped, target: .function(keyspace: "ks", name: "add", argumentTypes: ["int", "int"])))),
        ]
    }

    func testGoldensBothDirections() {
        for (name, bytes, event) in goldens {
            XCTAssertEqual(try decodeResponse(.event, bytes), .event(event), name)
            XCTAssertEqual(encoded(.event(event)), bytes, name)
        }
    }

    func testTruncationAndTrailingBytes() {
        for (_, bytes, _) in goldens { assertStrictPrefixesAndTrailingByteThrow(bytes, opcode: .event) }
    }

    func testRoundTripEveryKind() {
        for change in ResponseMessage.Event.TopologyChange.allCases { assertRoundTrip(.event(.topologyChange(change, node: ipv6Loopback))) }
        for change in ResponseMessage.Event.StatusChange.allCases { assertRoundTrip(.event(.statusChange(change, node: localhost))) }
        let targets: [ResponseMessage.SchemaChange.Target] = [
            .keyspace("ks"), .table(keyspace: "ks", name: "t"), .type(keyspace: "ks", name: "address"),
            .function(keyspace: "ks", name: "f", argumentTypes: []), .aggregate(keyspace: "ks", name: "avg", argumentTypes: ["frozen<list<int>>"]),
        ]
        for change in ResponseMessage.SchemaChange.ChangeType.allCases {
            for target in targets { assertRoundTrip(.event(.schemaChange(.init(changeType: change, target: target)))) }
        }
    }

    func testGarbageThrows() {
        assertDecodeThrows([0x00, 0x03] + ascii("FOO"), opcode: .event, .invalidValue)
        assertDecodeThrows([0x00, 0x0D] + ascii("STATUS_CHANGE") + [0x00, 0x02] + ascii("UP") + [0x05, 1, 2, 3, 4, 5, 0, 0, 0, 0],
                           opcode: .event, .invalidValue)  // [inet] size 5
        assertDecodeThrows([0x00, 0x0D] + ascii("SCHEMA_CHANGE") + [0x00, 0x07] + ascii("CREATED") + [0x00, 0x05] + ascii("INDEX")
                           + [0x00, 0x02] + ascii("ks"), opcode: .event, .invalidValue)
        assertDecodeThrows([0x00, 0x0D] + ascii("SCHEMA_CHANGE") + [0x00, 0x07] + ascii("REMOVED"), opcode: .event, .invalidValue)
    }
}
