import Foundation
import XCTest
@testable import CQLProtocol

final class CQLValueEncoderTests: XCTestCase {
    struct Address: Codable, Equatable {
        var street: String
        var zip: Int32?
        var tags: [String] = []
    }

    struct Customer: Codable, Equatable {
        var id: UUID
        var name: String
        var addresses: [String: Address]
        var history: [Address]
        var balance: CQLDecimal
        var joined: Date
    }

    static let addressType = CQLType.udt(.init(keyspace: "shop", name: "address", fields: [
        .init(name: "street", type: .text), .init(name: "zip", type: .int), .init(name: "tags", type: .list(.text)),
    ]))

    static let customerColumns: [String: CQLType] = [
        "id": .uuid, "name": .text, "addresses": .map(.text, addressType), "history": .list(addressType),
        "balance": .decimal, "joined": .timestamp,
    ]

    func testStructBecomesUDTInDeclaredFieldOrder() throws {
        let value = try CQLValueEncoder().encode(Address(street: "Main St", zip: nil, tags: ["home"]), as: Self.addressType)
        XCTAssertEqual(value, .udt([
            .init(name: "street", value: .text("Main St")), .init(name: "zip", value: nil),
            .init(name: "tags", value: .list([.text("home")])),
        ]))
        XCTAssertEqual(try value?.serialized(as: Self.addressType),
                       hex("00000007 4d61696e205374 ffffffff 0000000c 00000001 00000004 686f6d65"))
    }

    func testAddressRoundTripsThroughAUDTColumn() throws {
        let address = Address(street: "Main St", zip: 12345, tags: ["a", "b"])
        let bytes = try XCTUnwrap(try CQLValueEncoder().encode(address, as: Self.addressType)).serialized(as: Self.addressType)
        let decoded = try CQLValue.decode(bytes, as: Self.addressType)
        XCTAssertEqual(try CQLValueDecoder().decode(Address.self, from: decoded), address)
    }

    func testRowWithNestedCollectionsOfUDTs() throws {
        let customer = Customer(
            id: UUID(uuidString: "00112233-4455-4677-8899-AABBCCDDEEFF")!, name: "Ada",
            addresses: ["home": Address(street: "A", zip: 1)], history: [Address(street: "B", zip: nil)],
            balance: CQLDecimal("10.50")!, joined: Date(timeIntervalSince1970: 1_700_000_000))
        let row = try CQLValueEncoder().encodeRow(customer, columns: Self.customerColumns)
        XCTAssertEqual(row["name"], .text("Ada"))
        XCTAssertEqual(row["joined"], .timestamp(1_700_000_000_000))
        XCTAssertEqual(row["balance"], .decimal(CQLDecimal(unscaled: 1050, scale: 2)))
        guard case .map(let entries)? = row["addresses"] else { return XCTFail("addresses is not a map") }
        XCTAssertEqual(entries.first?.key, .text("home"))
        for (name, type) in Self.customerColumns {
            XCTAssertNoThrow(try row[name]?.serialized(as: type), name)
        }
        XCTAssertEqual(try CQLValueDecoder().decode(Customer.self, fromRow: row), customer)
    }

    func testNilPropertiesAreOmittedFromRows() throws {
        struct Item: Codable { var id: Int; var note: String? }
        let row = try CQLValueEncoder().encodeRow(Item(id: 1, note: nil), columns: ["id": .bigint, "note": .text])
        XCTAssertEqual(row, ["id": .bigint(1)])
    }

    func testTuplesVectorsAndIntegerKeyedMaps() throws {
        let encoder = CQLValueEncoder()
        XCTAssertEqual(try encoder.encode([Float(1), 2], as: .vector(.float, dimension: 2)), .vector([.float(1), .float(2)]))
        XCTAssertEqual(try encoder.encode([1: "a"], as: .map(.int, .text)), .map([.init(key: .int(1), value: .text("a"))]))
        struct Pair: Encodable {
            func encode(to encoder: any Encoder) throws {
                var container = encoder.unkeyedContainer()
                try container.encode(7)
                try container.encodeNil()
            }
        }
        XCTAssertEqual(try encoder.encode(Pair(), as: .tuple([.int, .text])), .tuple([.int(7), nil]))
        XCTAssertNil(try encoder.encode(String?.none, as: .text))
    }

    func testMismatchesAreEncodingErrors() {
        let encoder = CQLValueEncoder()
        XCTAssertThrowsError(try encoder.encode(Address(street: "x", zip: 1), as: .text)) { error in
            guard case EncodingError.invalidValue = error else { return XCTFail("\(error)") }
        }
        struct Wrong: Codable { var street: Int }
        XCTAssertThrowsError(try encoder.encode(Wrong(street: 1), as: Self.addressType)) { error in
            guard case EncodingError.invalidValue(_, let context) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(context.codingPath.map(\.stringValue), ["street"])
            XCTAssertEqual((context.underlyingError as? CQLProtocolError)?.code, .typeMismatch)
        }
        struct Extra: Codable { var street: String; var city: String }
        XCTAssertThrowsError(try encoder.encode(Extra(street: "a", city: "b"), as: Self.addressType))
        XCTAssertThrowsError(try encoder.encodeRow(Extra(street: "a", city: "b"), columns: ["street": .text]))
        XCTAssertThrowsError(try encoder.encode([Int?.none], as: .list(.bigint)))
    }
}
