import XCTest
@testable import CQLProtocol

final class QueryParametersTests: XCTestCase {
    typealias Parameters = RequestMessage.QueryParameters

    /// `<query_parameters>` with every positional option (native_protocol_v4.spec §4.1.4).
    private let allOptions: [UInt8] = [
        0x00, 0x06,                                      // <consistency> LOCAL_QUORUM
        0x3F,                                            // <flags> 0x01|0x02|0x04|0x08|0x10|0x20
        0x00, 0x03,                                      // <n> 3 values
        0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x2A,  // [value] 4 bytes: int 42
        0xFF, 0xFF, 0xFF, 0xFF,                          // [value] -1: null
        0xFF, 0xFF, 0xFF, 0xFE,                          // [value] -2: not set
        0x00, 0x00, 0x00, 0x64,                          // <result_page_size> 100
        0x00, 0x00, 0x00, 0x02, 0xCA, 0xFE,              // <paging_state> [bytes] 2 bytes
        0x00, 0x09,                                      // <serial_consistency> LOCAL_SERIAL
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xE8,  // <timestamp> [long] 1000
    ]

    private let allOptionsValue = Parameters(
        consistency: .localQuorum, values: .positional([.bytes([0, 0, 0, 42]), .null, .unset]),
        skipMetadata: true, pageSize: 100, pagingState: [0xCA, 0xFE],
        serialConsistency: .localSerial, defaultTimestamp: 1000)

    /// Named values: flags 0x01|0x40 (native_protocol_v4.spec §4.1.4).
    private let named: [UInt8] = [
        0x00, 0x04,                    // <consistency> QUORUM
        0x41,                          // <flags> values | names for values
        0x00, 0x01,                    // <n> 1 value
        0x00, 0x02, 0x69, 0x64,        // [string] name "id"
        0x00, 0x00, 0x00, 0x01, 0x07,  // [value] 1 byte
    ]

    private func decode(_ bytes: [UInt8]) throws(CQLProtocolError) -> Parameters {
        var buffer = CQLBuffer(bytes: bytes)
        let parameters = try Parameters.decode(from: &buffer)
        try buffer.requireFullyConsumed("query parameters")
        return parameters
    }

    private func encode(_ parameters: Parameters) -> [UInt8] {
        var buffer = CQLBuffer()
        parameters.encode(into: &buffer)
        return buffer.bytes
    }

    func testAllOptionsGoldenBothDirections() throws {
        XCTAssertEqual(try decode(allOptions), allOptionsValue)
        XCTAssertEqual(encode(allOptionsValue), allOptions)
        XCTAssertEqual(allOptionsValue.flags.rawValue, 0x3F)
    }

    func testNamedValuesGoldenBothDirections() throws {
        let value = Parameters(consistency: .quorum, values: .named([.init(name: "id", value: .bytes([7]))]))
        XCTAssertEqual(try decode(named), value)
        XCTAssertEqual(encode(value), named)
    }

    func testMinimalGolden() throws {
        let bytes: [UInt8] = [0x00, 0x01, 0x00]  // ONE, no flags
        XCTAssertEqual(try decode(bytes), Parameters(consistency: .one))
        XCTAssertEqual(encode(Parameters(consistency: .one)), bytes)
    }

    func testEmptyValuesKeepTheValuesFlag() throws {
        let bytes: [UInt8] = [0x00, 0x01, 0x01, 0x00, 0x00]  // ONE, flag 0x01, n = 0
        XCTAssertEqual(try decode(bytes), Parameters(consistency: .one, values: .positional([])))
        XCTAssertEqual(encode(Parameters(consistency: .one, values: .positional([]))), bytes)
    }

    func testRoundTripEachFlagAlone() throws {
        let cases: [Parameters] = [
            .init(consistency: .any, values: .positional([.bytes([])])),
            .init(consistency: .two, skipMetadata: true),
            .init(consistency: .three, pageSize: 5000),
            .init(consistency: .all, pagingState: []),
            .init(consistency: .eachQuorum, serialConsistency: .serial),
            .init(consistency: .localOne, defaultTimestamp: 1_700_000_000_000_000),
            .init(consistency: .one, values: .named([.init(name: "a", value: .null), .init(name: "b", value: .unset)])),
        ]
        for parameters in cases { XCTAssertEqual(try decode(encode(parameters)), parameters) }
    }

    func testNamesFlagWithoutValuesIsIgnored() throws {
        XCTAssertEqual(try decode([0x00, 0x01, 0x40]), Parameters(consistency: .one))
    }

    func testStrictPrefixesThrowTruncated() {
        for bytes in [allOptions, named] {
            for length in 0..<bytes.count {
                XCTAssertThrowsError(try decode(Array(bytes.prefix(length)))) { error in
                    XCTAssertEqual((error as? CQLProtocolError)?.code, .truncated, "prefix \(length)")
                }
            }
        }
    }

    func testGarbageThrows() {
        let garbage: [[UInt8]] = [
            [0x00, 0x01, 0x80],                                // undefined flag bit 0x80
            [0x00, 0xFF, 0x00],                                // unknown consistency 0x00FF
            [0x00, 0x01, 0x01, 0x00, 0x01, 0xFF, 0xFF, 0xFF, 0xFD],  // [value] length -3
            [0x00, 0x01, 0x10, 0x00, 0x0B],                    // serial consistency 0x000B unknown
        ]
        for bytes in garbage {
            XCTAssertThrowsError(try decode(bytes)) { error in
                XCTAssertEqual((error as? CQLProtocolError)?.code, .invalidValue, "\(bytes)")
            }
        }
    }

    func testHugeValueCountThrowsWithoutAllocating() {
        XCTAssertThrowsError(try decode([0x00, 0x01, 0x01, 0xFF, 0xFF])) { error in
            XCTAssertEqual((error as? CQLProtocolError)?.code, .truncated)
        }
    }
}
