import CassandraDriver
import CassandraORM
import CQLProtocol
import CQLTesting
import Foundation
import XCTest

/// Every CQL type through the dynamic API.
final class ORMTypesTests: XCTestCase {
    func testEveryTypeRoundTrips() async throws {
        let embedded = try await isEmbeddedServer
        try await withTestClient(userDefinedTypes: [.init("address", fields: ["street": "text", "zip": "int"])]) { client in
            var fields: [String: FieldDefinition] = [
                "id": "int", "c_ascii": "ascii", "c_bigint": "bigint", "c_blob": "blob", "c_boolean": "boolean",
                "c_decimal": "decimal", "c_double": "double", "c_float": "float", "c_int": "int", "c_timestamp": "timestamp",
                "c_uuid": "uuid", "c_text": "text", "c_varint": "varint", "c_timeuuid": "timeuuid", "c_inet": "inet",
                "c_date": "date", "c_time": "time", "c_smallint": "smallint", "c_tinyint": "tinyint", "c_duration": "duration",
                "c_list": "list<int>", "c_set": "set<text>", "c_map": "map<text, int>", "c_intmap": "map<int, text>",
                "c_frozen": "frozen<list<map<text, int>>>", "c_tuple": "tuple<int, text>", "c_udt": "frozen<address>",
                "c_udts": "list<frozen<address>>",
            ]
            if embedded { fields["c_vector"] = "vector<float, 3>" }
            let All = try await client.loadSchema("all_types", fields: fields, key: ["id"])
            let uuid = UUID()
            let timeuuid = UUID.timeBased()
            let date = Date(timeIntervalSince1970: 1_700_000_000.123)
            var values: [String: ORMValue] = [
                "id": 1, "c_ascii": .cql(.ascii("abc")), "c_bigint": 9_000_000_000, "c_blob": .bytes([1, 2, 3]), "c_boolean": true,
                "c_decimal": "12.34", "c_double": 2.5, "c_float": 1.5, "c_int": -7, "c_timestamp": .date(date),
                "c_uuid": .uuid(uuid), "c_text": "héllo", "c_varint": "123456789012345678901234567890", "c_timeuuid": .uuid(timeuuid),
                "c_inet": "10.0.0.1", "c_date": .cql(.date(19_000)), "c_time": .cql(.time(1_000)), "c_smallint": 300,
                "c_tinyint": 7, "c_duration": .cql(.duration(CQLDuration(months: 1, days: 2, nanoseconds: 3))),
                "c_list": [3, 1, 3], "c_set": ["b", "a"], "c_map": ["x": 1], "c_intmap": ["5": "five"],
                "c_frozen": [["k": 1]], "c_tuple": [1, "one"], "c_udt": ["street": "Main", "zip": 12345],
                "c_udts": [["street": "A"], ["street": "B", "zip": 2]],
            ]
            if embedded { values["c_vector"] = [0.5, 1.0, -2.0] }
            try await All.save(values)
            let record = try await XCTUnwrapAsync(try await All.findOne(["id": 1]))
            XCTAssertEqual(record["c_ascii"], "abc")
            XCTAssertEqual(record["c_bigint"], 9_000_000_000)
            XCTAssertEqual(record["c_blob"], .bytes([1, 2, 3]))
            XCTAssertEqual(record["c_boolean"], true)
            XCTAssertEqual(record["c_decimal"], .cql(.decimal(CQLDecimal("12.34")!)))
            XCTAssertEqual(record["c_double"], 2.5)
            XCTAssertEqual(record["c_float"], 1.5)
            XCTAssertEqual(record["c_int"], -7)
            XCTAssertEqual(record["c_timestamp"].dateValue.map { ($0.timeIntervalSince1970 * 1000).rounded() }, 1_700_000_000_123)
            XCTAssertEqual(record["c_uuid"], .uuid(uuid))
            XCTAssertEqual(record["c_text"], "héllo")
            XCTAssertEqual(record["c_varint"], .cql(.varint(CQLVarint("123456789012345678901234567890")!)))
            XCTAssertEqual(record["c_timeuuid"], .uuid(timeuuid))
            XCTAssertEqual(record["c_inet"], .cql(.inet(CQLInetAddress("10.0.0.1")!)))
            XCTAssertEqual(record["c_date"], .cql(.date(19_000)))
            XCTAssertEqual(record["c_time"], .cql(.time(1_000)))
            XCTAssertEqual(record["c_smallint"], 300)
            XCTAssertEqual(record["c_tinyint"], 7)
            XCTAssertEqual(record["c_duration"], .cql(.duration(CQLDuration(months: 1, days: 2, nanoseconds: 3))))
            XCTAssertEqual(record["c_list"], [3, 1, 3])
            XCTAssertEqual(record["c_set"], ["a", "b"])
            XCTAssertEqual(record["c_map"], ["x": 1])
            XCTAssertEqual(record["c_intmap"], .cql(.map([.init(key: .int(5), value: .text("five"))])))
            XCTAssertEqual(record["c_frozen"], [["k": 1]])
            XCTAssertEqual(record["c_tuple"], .cql(.tuple([.int(1), .text("one")])))
            XCTAssertEqual(record["c_udt"], ["street": "Main", "zip": 12345])
            XCTAssertEqual(record["c_udts"], [["street": "A", "zip": nil], ["street": "B", "zip": 2]])
            if embedded { XCTAssertEqual(record["c_vector"], [0.5, 1.0, -2.0]) }
        }
    }
}
