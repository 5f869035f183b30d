import XCTest
@testable import CQLProtocol

final class ErrorResponseTests: XCTestCase {
    /// ERROR bodies (native_protocol_v4.spec §4.2.1, §9): [int] code, [string] message, extras.
    private let goldens: [(String, [UInt8], ServerError)] = [
        ("syntax error, no extras",
         [0x00, 0x00, 0x20, 0x00] + [0x00, 0x03] + ascii("bad"),
         ServerError(code: .syntaxError, message: "bad")),
        ("unavailable <cl><required><alive>",
         [0x00, 0x00, 0x10, 0x00] + [0x00, 0x02] + ascii("no")
            + [0x00, 0x04]                  // QUORUM
            + [0x00, 0x00, 0x00, 0x03]      // required 3
            + [0x00, 0x00, 0x00, 0x01],     // alive 1
         ServerError(message: "no", details: .unavailable(consistency: .quorum, required: 3, alive: 1))),
        ("write timeout <cl><received><blockfor><writeType>",
         [0x00, 0x00, 0x11, 0x00] + [0x00, 0x00]   // empty message
            + [0x00, 0x01]                  // ONE
            + [0x00, 0x00, 0x00, 0x00]      // received 0
            + [0x00, 0x00, 0x00, 0x01]      // blockfor 1
            + [0x00, 0x06] + ascii("SIMPLE"),
         ServerError(message: "", details: .writeTimeout(consistency: .one, received: 0, blockFor: 1, writeType: .simple))),
        ("read timeout <cl><received><blockfor><data_present>",
         [0x00, 0x00, 0x12, 0x00] + [0x00, 0x00]
            + [0x00, 0x06]                  // LOCAL_QUORUM
            + [0x00, 0x00, 0x00, 0x01]      // received 1
            + [0x00, 0x00, 0x00, 0x02]      // blockfor 2
            + [0x00],                       // data not present
         ServerError(message: "", details: .readTimeout(consistency: .localQuorum, received: 1, blockFor: 2, dataPresent: false))),
        ("read failure <cl><received><blockfor><numfailures><data_present>",
         [0x00, 0x00, 0x13, 0x00] + [0x00, 0x00]
            + [0x00, 0x05]                  // ALL
            + [0x00, 0x00, 0x00, 0x02]      // received 2
            + [0x00, 0x00, 0x00, 0x03]      // blockfor 3
            + [0x00, 0x00, 0x00, 0x01]      // numfailures 1
            + [0x01],                       // data present
         ServerError(message: "", details: .readFailure(consistency: .all, received: 2, blockFor: 3, numFailures: 1, dataPresent: true))),
        ("function failure <keyspace><function><arg_types>",
         [0x00, 0x00, 0x14, 0x00] + [0x00, 0x00]
            + [0x00, 0x02] + ascii("ks")
            + [0x00, 0x01] + ascii("f")
            + [0x00, 0x02, 0x00, 0x03] + ascii("int") + [0x00, 0x04] + ascii("text"),
         ServerError(message: "", details: .functionFailure(keyspace: "ks", function: "f", argTypes: ["int", "text"]))),
        ("write failure <cl><received><blockfor><numfailures><write_type>",
         [0x00, 0x00, 0x15, 0x00] + [0x00, 0x00]
            + [0x00, 0x01]                  // ONE
            + [0x00, 0x00, 0x00, 0x00]      // received 0
            + [0x00, 0x00, 0x00, 0x01]      // blockfor 1
            + [0x00, 0x00, 0x00, 0x01]      // numfailures 1
            + [0x00, 0x05] + ascii("BATCH"),
         ServerError(message: "", details: .writeFailure(consistency: .one, received: 0, blockFor: 1, numFailures: 1, writeType: .batch))),
        ("already exists <ks><table>",
         [0x00, 0x00, 0x24, 0x00] + [0x00, 0x00] + [0x00, 0x02] + ascii("ks") + [0x00, 0x01] + ascii("t"),
         ServerError(message: "", details: .alreadyExists(keyspace: "ks", table: "t"))),
        ("unprepared [short bytes]",
         [0x00, 0x00, 0x25, 0x00] + [0x00, 0x00] + [0x00, 0x02, 0xCA, 0xFE],
         ServerError(message: "", details: .unprepared(id: [0xCA, 0xFE]))),
    ]

    func testGoldensBothDirections() {
        for (name, bytes, error) in goldens {
            XCTAssertEqual(try decodeResponse(.error, bytes), .error(error), name)
            XCTAssertEqual(encoded(.error(error)), bytes, name)
        }
    }

    func testTruncationAndTrailingBytes() {
        for (_, bytes, _) in goldens { assertStrictPrefixesAndTrailingByteThrow(bytes, opcode: .error) }
    }

    func testRoundTripEveryCode() {
        for code in ServerError.Code.allDefined where !code.hasDetails {
            assertRoundTrip(.error(ServerError(code: code, message: "message for \(code)")))
        }
        let details: [ServerError.Details] = [
            .unavailable(consistency: .localQuorum, required: 2, alive: 1),
            .writeTimeout(consistency: .eachQuorum, received: 1, blockFor: 4, writeType: .unloggedBatch),
            .writeTimeout(consistency: .serial, received: 0, blockFor: 2, writeType: .cas),
            .readTimeout(consistency: .one, received: 1, blockFor: 1, dataPresent: true),
            .readFailure(consistency: .two, received: 0, blockFor: 2, numFailures: 2, dataPresent: false),
            .functionFailure(keyspace: "ks", function: "fn", argTypes: []),
            .writeFailure(consistency: .three, received: 1, blockFor: 3, numFailures: 2, writeType: .counter),
            .writeFailure(consistency: .any, received: 0, blockFor: 1, numFailures: 1, writeType: WriteTypeLike.view),
            .alreadyExists(keyspace: "ks", table: ""),
            .unprepared(id: Array(0..<16)),
        ]
        for detail in details {
            let error = ServerError(message: "m", details: detail)
            XCTAssertEqual(error.code, detail.code)
            assertRoundTrip(.error(error))
        }
        let coveredCodes = Set(details.map(\.code))
        XCTAssertEqual(coveredCodes, Set(ServerError.Code.allDefined.filter(\.hasDetails)))
    }

    func testUnknownCodeKeepsRawValue() throws {
        let bytes: [UInt8] = [0x00, 0x00, 0x77, 0x77, 0x00, 0x01] + ascii("?")
        guard case .error(let error) = try decodeResponse(.error, bytes) else { return XCTFail("not an error") }
        XCTAssertEqual(error.code.rawValue, 0x7777)
        XCTAssertNil(error.details)
        XCTAssertEqual(error.code.description, "0x7777")
        XCTAssertEqual(encoded(.error(error)), bytes)
    }

    func testDataPresentNonZeroIsTrue() throws {
        let bytes: [UInt8] = [0x00, 0x00, 0x12, 0x00, 0x00, 0x00, 0x00, 0x01, 0, 0, 0, 1, 0, 0, 0, 1, 0x7F]
        guard case .error(let error) = try decodeResponse(.error, bytes) else { return XCTFail("not an error") }
        XCTAssertEqual(error.details, .readTimeout(consistency: .one, received: 1, blockFor: 1, dataPresent: true))
    }

    func testUnknownConsistencyThrows() {
        assertDecodeThrows([0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x0B, 0, 0, 0, 1, 0, 0, 0, 0], opcode: .error, .invalidValue)
    }

    func testDescriptionNamesTheCode() {
        XCTAssertEqual(ServerError(code: .overloaded, message: "busy").description, "ServerError(Overloaded): busy")
    }
}

/// A write type outside the spec's list, which must survive a round trip unchanged.
private enum WriteTypeLike {
    static let view = ServerError.WriteType(rawValue: "VIEW")
}
