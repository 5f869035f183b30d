import XCTest
@testable import CassandraORM

final class CompiledReadTests: XCTestCase {
    private func compile(_ pairs: KeyValuePairs<String, Operator>, _ options: FindOptions = .init()) throws -> CompiledRead {
        let restrictions = pairs.map { Restriction(field: $0.key, op: $0.value, value: .null) }
        return try CompiledRead(restrictions, options: options, builder: Fixtures.builder(try Fixtures.events()))
    }

    func testMarkersTakeTheValuesInTheOrderTheyWereWritten() throws {
        let read = try compile(["seq": .gt, "tenant": .eq, "day": .eq, "at": .eq])
        XCTAssertEqual(read.cql, #"SELECT * FROM "shop"."events" WHERE "tenant" = ? AND "day" = ? AND "at" = ? AND "seq" > ?"#)
        XCTAssertEqual(read.markers.map(\.parameter), [1, 2, 3, 0])
        XCTAssertEqual(read.markers.map(\.field), ["tenant", "day", "at", "seq"])
        XCTAssertTrue(read.trailing.isEmpty)
    }

    func testInTakesAListAndLimitsFollowTheRestrictions() throws {
        let read = try compile(["tenant": .eq, "day": .in], .init(limit: 5, perPartitionLimit: 2))
        XCTAssertEqual(read.cql, #"SELECT * FROM "shop"."events" WHERE "tenant" = ? AND "day" IN ? PER PARTITION LIMIT ? LIMIT ?"#)
        XCTAssertEqual(read.markers.map(\.isList), [false, true])
        XCTAssertEqual(read.trailing, [.init(value: 2, field: "[per_partition_limit]"), .init(value: 5, field: "[limit]")])
        XCTAssertTrue(try compile(["tenant": .eq, "day": .eq], .init(limit: 1)).trailing.isEmpty, "LIMIT 1 is text")
    }

    func testInvalidReadsAreRejectedWhenCompiled() throws {
        func code(_ pairs: KeyValuePairs<String, Operator>, _ options: FindOptions = .init()) -> ORMError.Code? {
            do {
                _ = try compile(pairs, options)
                return nil
            } catch {
                return (error as? ORMError)?.code
            }
        }
        XCTAssertEqual(code(["nope": .eq]), .unknownField)
        XCTAssertEqual(code(["tenant": .eq]), .filteringRequired)
        XCTAssertEqual(code(["tenant": .eq, "day": .eq, "body": .contains]), .invalidQuery)
        XCTAssertEqual(code(["tenant": .eq, "day": .eq, "at": .eq, "at": .gt]), .invalidQuery)
        XCTAssertEqual(code(["tenant": .eq, "day": .eq], .init(orderBy: ["seq": .asc])), .invalidQuery)
        XCTAssertEqual(code(["tenant": .eq, "day": .eq], .init(limit: 0)), .invalidQuery)
        XCTAssertEqual(code(["tenant": .eq, "day": .eq], .init(select: [])), .invalidQuery)
        XCTAssertNil(code(["tenant": .eq, "day": .eq, "at": .gte, "at": .lt]))
    }
}
