import XCTest
@testable import CQLProtocol

final class ResultTests: XCTestCase {
    /// RESULT kinds without their own file (native_protocol_v4.spec §4.2.5.1, §4.2.5.3, §4.2.5.5).
    private let goldens: [(String, [UInt8], ResponseMessage.Result)] = [
        ("Void", [0x00, 0x00, 0x00, 0x01], .void),                                   // [int] kind 1, empty rest
        ("Set_keyspace", [0x00, 0x00, 0x00, 0x03] + [0x00, 0x02] + ascii("ks"), .setKeyspace("ks")),
        ("Schema_change keyspace",
         [0x00, 0x00, 0x00, 0x05]                         // [int] kind 5
            + [0x00, 0x07] + ascii("UPDATED")             // <change_type>
            + [0x00, 0x08] + ascii("KEYSPACE")            // <target>
            + [0x00, 0x02] + ascii("ks"),                 // <options> keyspace
         .schemaChange(.init(changeType: .updated, target: .keyspace("ks")))),
        ("Schema_change aggregate",
         [0x00, 0x00, 0x00, 0x05]
            + [0x00, 0x07] + ascii("CREATED")
            + [0x00, 0x09] + ascii("AGGREGATE")
            + [0x00, 0x02] + ascii("ks") + [0x00, 0x03] + ascii("avg")
            + [0x00, 0x01, 0x00, 0x06] + ascii("bigint"),
         .schemaChange(.init(changeType: .created, target: .aggregate(keyspace: "ks", name: "avg", argumentTypes: ["bigint"])))),
        ("Schema_change type",
         [0x00, 0x00, 0x00, 0x05]
            + [0x00, 0x07] + ascii("DROPPED")
            + [0x00, 0x04] + ascii("TYPE")
            + [0x00, 0x02] + ascii("ks") + [0x00, 0x04] + ascii("addr"),
         .schemaChange(.init(changeType: .dropped, target: .type(keyspace: "ks", name: "addr")))),
    ]

    func testGoldensBothDirections() {
        for (name, bytes, result) in goldens {
            XCTAssertEqual(try decodeResponse(.result, bytes), .result(result), name)
            XCTAssertEqual(encoded(.result(result)), bytes, name)
        }
    }

    func testTruncationAndTrailingBytes() {
        for (_, bytes, _) in goldens { assertStrictPrefixesAndTrailingByteThrow(bytes, opcode: .result) }
    }

    func testKinds() {
        XCTAssertEqual(ResponseMessage.Result.void.kind.rawValue, 1)
        XCTAssertEqual(ResponseMessage.Result.setKeyspace("k").kind.rawValue, 3)
    }

    func testUnknownKindThrows() {
        assertDecodeThrows([0x00, 0x00, 0x00, 0x06], opcode: .result, .invalidValue)
        assertDecodeThrows([0xFF, 0xFF, 0xFF, 0xFF], opcode: .result, .invalidValue)
    }
}
