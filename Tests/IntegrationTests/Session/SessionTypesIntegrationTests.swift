import CassandraDriver
import CQLProtocol
import CQLTesting
import Foundation
import XCTest

/// Every CQL type written through a prepared statement into a real table and read back.
final class SessionTypesIntegrationTests: XCTestCase {
    private static let columns: [(name: String, type: String, value: CQLValue)] = [
        ("c_ascii", "ascii", .ascii("plain")),
        ("c_bigint", "bigint", .bigint(-9_000_000_000)),
        ("c_blob", "blob", .blob([0, 1, 254, 255])),
        ("c_boolean", "boolean", .boolean(true)),
        ("c_decimal", "decimal", .decimal(CQLDecimal(unscaled: CQLVarint(12345), scale: 2))),
        ("c_double", "double", .double(3.25)),
        ("c_float", "float", .float(-1.5)),
        ("c_int", "int", .int(Int32.min)),
        ("c_timestamp", "timestamp", .timestamp(1_700_000_000_123)),
        ("c_uuid", "uuid", .uuid(UUID(uuidString: "9B3D1F2E-4C5A-4B6D-8E7F-0A1B2C3D4E5F")!)),
        ("c_text", "text", .text("héllo ✓")),
        ("c_varint", "varint", .varint(CQLVarint(-123_456_789_012))),
        ("c_timeuuid", "timeuuid", .timeuuid(UUID.timeBased())),
        ("c_inet", "inet", .inet(CQLInetAddress("192.168.1.20")!)),
        ("c_date", "date", .date(19_000)),
        ("c_time", "time", .time(3_600_000_000_000)),
        ("c_smallint", "smallint", .smallint(-300)),
        ("c_tinyint", "tinyint", .tinyint(-7)),
        ("c_duration", "duration", .duration(CQLDuration(months: 1, days: 2, nanoseconds: 3_000))),
        ("c_list", "list<int>", .list([.int(3), .int(1), .int(3)])),
        ("c_set", "set<text>", .set([.text("a"), .text("b")])),
        ("c_map", "map<text, int>", .map([.init(key: .text("x"), value: .int(1)), .init(key: .text("y"), value: .int(2))])),
        ("c_frozen", "frozen<list<map<text, int>>>", .list([.map([.init(key: .text("k"), value: .int(9))])])),
        ("c_tuple", "tuple<int, text, boolean>", .tuple([.int(1), .text("two"), nil])),
        ("c_udt", "frozen<address>", .udt([.init(name: "street", value: .text("Main St")), .init(name: "zip", value: .int(12345))])),
    ]

    func testEveryTypeRoundTripsThroughARealTable() async throws {
        let embedded = try await isEmbeddedServer
        try await withTestKeyspaceSession { session, _ in
            try await session.execute("CREATE TYPE address (street text, zip int)")
            var columns = Self.columns
            if embedded {
                columns.append(("c_vector", "vector<float, 3>", .vector([.float(0.5), .float(1), .float(-2)])))
            }
            let definitions = columns.map { "\($0.name) \($0.type)" }.joined(separator: ", ")
            try await session.execute("CREATE TABLE everything (id int PRIMARY KEY, \(definitions))")
            try await session.waitForSchemaAgreement()
            let names = columns.map(\.name).joined(separator: ", ")
            let markers = Array(repeating: "?", count: columns.count).joined(separator: ", ")
            let insert = try await session.prepare("INSERT INTO everything (id, \(names)) VALUES (?, \(markers))")
            try await session.execute(insert.bind(values: [Int32(1)] + columns.map(\.value)))
            try await session.execute("INSERT INTO everything (id) VALUES (?)", Int32(2))

            let result = try await session.execute("SELECT id, \(names) FROM everything WHERE id = ?", Int32(1))
            let row = try XCTUnwrap(result.first)
            for (index, column) in columns.enumerated() {
                XCTAssertEqual(try row.value(at: index + 1), column.value, column.name)
            }
            let empty = try await session.execute("SELECT id, \(names) FROM everything WHERE id = ?", Int32(2))
            let nullRow = try XCTUnwrap(empty.first)
            for index in columns.indices {
                XCTAssertNil(try nullRow.value(at: index + 1), columns[index].name)
            }
            XCTAssertEqual(try row["c_text", as: String.self], "héllo ✓")
            XCTAssertEqual(try row["c_list", as: [Int32].self], [3, 1, 3])
            XCTAssertEqual(try row["c_map", as: [String: Int32].self], ["x": 1, "y": 2])
            XCTAssertEqual(try row["c_set", as: Set<String>.self], ["a", "b"])
        }
    }
}
