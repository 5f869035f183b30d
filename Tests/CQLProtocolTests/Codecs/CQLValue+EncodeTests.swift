import Foundation
import XCTest
@testable import CQLProtocol

/// Byte-exact vectors from native_protocol_v4.spec §6 (and Cassandra 5's vector layout),
/// checked in both directions: `serialized(as:)` produces the bytes and `decode` gives the
/// value back. Multi-byte cases were cross-checked with the DataStax Python driver.
final class CQLValueEncodeTests: XCTestCase {
    private let address = CQLType.udt(.init(keyspace: "ks", name: "address", fields: [
        .init(name: "street", type: .text), .init(name: "zip", type: .int),
    ]))

    private var vectors: [(value: CQLValue, type: CQLType, hex: String)] {
        [
            (.ascii("hi"), .ascii, "68 69"),
            (.text("héllo"), .text, "68 c3a9 6c 6c 6f"),
            (.text(""), .text, ""),
            (.blob([0xCA, 0xFE]), .blob, "ca fe"),
            (.custom([0x01]), .custom("com.example.Foo"), "01"),
            (.boolean(true), .boolean, "01"),
            (.boolean(false), .boolean, "00"),
            (.int(1), .int, "00 00 00 01"),
            (.int(-2), .int, "ff ff ff fe"),
            (.bigint(.max), .bigint, "7fffffffffffffff"),
            (.bigint(.min), .bigint, "8000000000000000"),
            (.counter(5), .counter, "0000000000000005"),
            (.smallint(-1), .smallint, "ff ff"),
            (.tinyint(-128), .tinyint, "80"),
            (.timestamp(1_700_000_000_123), .timestamp, "0000018bcfe5687b"),
            (.float(1.5), .float, "3fc00000"),
            (.float(.infinity), .float, "7f800000"),
            (.double(1.5), .double, "3ff8000000000000"),
            (.double(-.infinity), .double, "fff0000000000000"),
            (.varint(0), .varint, "00"),
            (.varint(-1), .varint, "ff"),
            (.varint(127), .varint, "7f"),
            (.varint(128), .varint, "00 80"),
            (.varint(-128), .varint, "80"),
            (.varint(-129), .varint, "ff 7f"),
            (.varint(256), .varint, "01 00"),
            (.decimal(CQLDecimal(unscaled: 15, scale: 1)), .decimal, "00000001 0f"),
            (.decimal(CQLDecimal(unscaled: -1, scale: 3)), .decimal, "00000003 ff"),
            (.decimal(CQLDecimal(unscaled: 1, scale: -3)), .decimal, "fffffffd 01"),
            (.date(0), .date, "80 00 00 00"),
            (.date(-1), .date, "7f ff ff ff"),
            (.date(19782), .date, "80 00 4d 46"),  // 2024-02-29
            (.date(.min), .date, "00 00 00 00"),
            (.date(.max), .date, "ff ff ff ff"),
            (.time(86_399_999_999_000), .time, "00004e94914efc18"),
            (.duration(CQLDuration(months: 1, days: 2, nanoseconds: 3)), .duration, "02 04 06"),
            (.duration(CQLDuration(months: -1, days: -2, nanoseconds: -3_000_000_000)), .duration, "01 03 f165a0bbff"),
            (.duration(CQLDuration(months: .max, days: 0, nanoseconds: .max)), .duration, "f0fffffffe 00 fffffffffffffffffe"),
            (.uuid(UUID(uuidString: "00112233-4455-6677-8899-AABBCCDDEEFF")!), .uuid, "00112233445566778899aabbccddeeff"),
            (.timeuuid(UUID(uuidString: "00112233-4455-1677-8899-AABBCCDDEEFF")!), .timeuuid, "00112233445516778899aabbccddeeff"),
            (.inet(CQLInetAddress("127.0.0.1")!), .inet, "7f 00 00 01"),
            (.inet(CQLInetAddress("2001:db8::1")!), .inet, "20010db8000000000000000000000001"),
            (.list([.int(1), .int(2)]), .list(.int), "00000002 00000004 00000001 00000004 00000002"),
            (.set([.text("a")]), .set(.text), "00000001 00000001 61"),
            (.list([]), .list(.int), "00000000"),
            (.map([.init(key: .text("a"), value: .int(1))]), .map(.text, .int), "00000001 00000001 61 00000004 00000001"),
            (.tuple([.int(1), nil, .boolean(true)]), .tuple([.int, .text, .boolean]), "00000004 00000001 ffffffff 00000001 01"),
            (.udt([.init(name: "street", value: .text("Main")), .init(name: "zip", value: nil)]), address,
             "00000004 4d61696e ffffffff"),
            (.vector([.float(1), .float(2.5), .float(-1)]), .vector(.float, dimension: 3), "3f800000 40200000 bf800000"),
            (.vector([.text("a"), .text("bcd")]), .vector(.text, dimension: 2), "01 61 03 626364"),
            (.vector([.smallint(1), .smallint(-1)]), .vector(.smallint, dimension: 2), "02 0001 02 ffff"),
            (.list([.list([.int(7)])]), .list(.list(.int)), "00000001 0000000c 00000001 00000004 00000007"),
        ]
    }

    func testVectorsEncodeAndDecode() throws {
        for (value, type, hexText) in vectors {
            let bytes = hex(hexText)
            XCTAssertEqual(try value.serialized(as: type), bytes, "encode \(value) as \(type)")
            XCTAssertEqual(try CQLValue.decode(bytes, as: type), value, "decode \(hexText) as \(type)")
        }
    }

    func testEncodeAppendsToExistingBuffer() throws {
        var buffer = CQLBuffer()
        buffer.writeByte(0xAA)
        try CQLValue.int(1).encode(as: .int, into: &buffer)
        XCTAssertEqual(buffer.bytes, [0xAA, 0, 0, 0, 1])
    }

    func testNaNKeepsItsBits() throws {
        let bytes = try CQLValue.double(.nan).serialized(as: .double)
        XCTAssertEqual(bytes, hex("7ff8000000000000"))
        guard case .double(let decoded)? = try CQLValue.decode(bytes, as: .double) else { return XCTFail("not a double") }
        XCTAssertTrue(decoded.isNaN)
        guard case .float(let float)? = try CQLValue.decode(hex("7fc00000"), as: .float) else { return XCTFail("not a float") }
        XCTAssertTrue(float.isNaN)
    }

    func testCompatibleCasesAreAccepted() throws {
        XCTAssertEqual(try CQLValue.text("abc").serialized(as: .ascii), hex("616263"))
        XCTAssertEqual(try CQLValue.counter(1).serialized(as: .bigint), hex("0000000000000001"))
        XCTAssertEqual(try CQLValue.set([.int(1)]).serialized(as: .list(.int)), hex("00000001 00000004 00000001"))
        let v1 = UUID(uuidString: "00112233-4455-1677-8899-AABBCCDDEEFF")!
        XCTAssertEqual(try CQLValue.uuid(v1).serialized(as: .timeuuid).count, 16)
        XCTAssertEqual(try CQLValue.blob([1]).serialized(as: .custom("x")), [1])
    }

    func testEmptyEncodesAsZeroBytesForAnyType() throws {
        for type in [CQLType.int, .uuid, .boolean, .decimal, .list(.int)] {
            XCTAssertEqual(try CQLValue.empty.serialized(as: type), [])
        }
    }

    func testUDTFieldsAreWrittenInDeclaredOrderWithMissingAsNull() throws {
        let value = CQLValue.udt([.init(name: "zip", value: .int(7))])
        XCTAssertEqual(try value.serialized(as: address), hex("ffffffff 00000004 00000007"))
    }

    func testTypeMismatchNamesBothSides() {
        XCTAssertThrowsError(try CQLValue.int(1).serialized(as: .text)) { error in
            let error = error as? CQLProtocolError
            XCTAssertEqual(error?.code, .typeMismatch)
            XCTAssertTrue(error?.message.contains("int value as text") ?? false, error?.message ?? "")
        }
        XCTAssertThrowsCQL(.typeMismatch, try CQLValue.list([.text("a")]).serialized(as: .list(.int)))
        XCTAssertThrowsCQL(.typeMismatch, try CQLValue.tuple([.int(1), .int(2)]).serialized(as: .tuple([.int])))
        XCTAssertThrowsCQL(.typeMismatch, try CQLValue.map([]).serialized(as: .list(.int)))
    }

    func testInvalidContentIsRejected() {
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.text("é").serialized(as: .ascii))
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.time(CQLValue.nanosecondsPerDay).serialized(as: .time))
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.time(-1).serialized(as: .time))
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.duration(CQLDuration(months: 1, days: -1)).serialized(as: .duration))
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.vector([.float(1)]).serialized(as: .vector(.float, dimension: 2)))
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.uuid(UUID()).serialized(as: .timeuuid))
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.udt([.init(name: "city", value: nil)]).serialized(as: address))
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.vector([.empty, .empty]).serialized(as: .vector(.float, dimension: 2)))
    }
}
