import Foundation
import XCTest
@testable import CQLProtocol

final class CQLValueDecoderTests: XCTestCase {
    struct Address: Decodable, Equatable {
        var street: String
        var zip: Int32?
    }

    func testDecodesUDTWithMissingAndNullFields() throws {
        let decoder = CQLValueDecoder()
        XCTAssertEqual(try decoder.decode(Address.self, from: .udt([.init(name: "street", value: .text("A"))])),
                       Address(street: "A", zip: nil))
        XCTAssertEqual(try decoder.decode(Address.self, from: .udt([.init(name: "street", value: .ascii("A")),
                                                                    .init(name: "zip", value: .smallint(5))])),
                       Address(street: "A", zip: 5))
    }

    func testCollectionsTuplesAndMaps() throws {
        let decoder = CQLValueDecoder()
        XCTAssertEqual(try decoder.decode([Int].self, from: .list([.int(1), .bigint(2)])), [1, 2])
        XCTAssertEqual(try decoder.decode(Set<String>.self, from: .set([.text("a")])), ["a"])
        XCTAssertEqual(try decoder.decode([String: Int].self, from: .map([.init(key: .text("a"), value: .int(1))])), ["a": 1])
        XCTAssertEqual(try decoder.decode([Int: String].self, from: .map([.init(key: .int(3), value: .text("c"))])), [3: "c"])
        XCTAssertEqual(try decoder.decode([Int?].self, from: .tuple([.int(1), nil])), [1, nil])
        XCTAssertEqual(try decoder.decode([Float].self, from: .vector([.float(0.5)])), [0.5])
        XCTAssertEqual(try decoder.decode([UInt8].self, from: .blob([1, 2])), [1, 2])
        XCTAssertEqual(try decoder.decode([Address].self, from: .list([.udt([.init(name: "street", value: .text("x"))])])),
                       [Address(street: "x", zip: nil)])
    }

    func testScalars() throws {
        let decoder = CQLValueDecoder()
        XCTAssertEqual(try decoder.decode(Date.self, from: .timestamp(1_000)), Date(timeIntervalSince1970: 1))
        XCTAssertEqual(try decoder.decode(CQLVarint.self, from: .varint(CQLVarint("123456789012345678901234567890")!)).description,
                       "123456789012345678901234567890")
        enum Color: String, Decodable { case red }
        XCTAssertEqual(try decoder.decode(Color.self, from: .text("red")), .red)
        XCTAssertNil(try decoder.decode(Int?.self, from: nil))
    }

    func testErrorsAreDecodingErrorsWithPaths() {
        let decoder = CQLValueDecoder()
        XCTAssertThrowsError(try decoder.decode(Address.self, from: .udt([.init(name: "street", value: .int(1))]))) { error in
            guard case DecodingError.typeMismatch(_, let context) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(context.codingPath.map(\.stringValue), ["street"])
            XCTAssertEqual((context.underlyingError as? CQLProtocolError)?.code, .typeMismatch)
        }
        XCTAssertThrowsError(try decoder.decode(Address.self, from: .udt([.init(name: "zip", value: .int(1))]))) { error in
            guard case DecodingError.keyNotFound = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try decoder.decode(Address.self, from: .udt([.init(name: "street", value: nil)]))) { error in
            guard case DecodingError.valueNotFound = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try decoder.decode(Int.self, from: nil)) { error in
            guard case DecodingError.valueNotFound = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try decoder.decode(String.self, from: .list([.text("a")]))) { error in
            guard case DecodingError.typeMismatch = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try decoder.decode(Int8.self, from: .int(1)))
        XCTAssertThrowsError(try decoder.decode(Address.self, from: .text("x")))
        XCTAssertThrowsError(try decoder.decode(Int32.self, from: .empty))
    }

    func testRowDecoding() throws {
        struct Row: Decodable, Equatable { var id: Int; var name: String? }
        XCTAssertEqual(try CQLValueDecoder().decode(Row.self, fromRow: ["id": .bigint(1)]), Row(id: 1, name: nil))
        XCTAssertEqual(try CQLValueDecoder().decode(Row.self, fromRow: ["id": .counter(2), "name": .text("n")]), Row(id: 2, name: "n"))
    }
}
