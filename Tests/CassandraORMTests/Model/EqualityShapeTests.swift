import XCTest
@testable import CassandraORM

final class EqualityShapeTests: XCTestCase {
    private func layout(_ schema: ResolvedSchema) -> ColumnLayout {
        ColumnLayout(names: schema.orderedColumns, types: [:], keyCount: schema.primaryKey.count)
    }

    private func shape(_ query: [String: ORMValue], _ options: FindOptions = .init(), schema: ResolvedSchema? = nil) throws -> EqualityShape? {
        EqualityShape(query, options: options, limit: options.limit, isCount: false, layout: layout(try schema ?? Fixtures.events()))
    }

    func testEqualityOnKnownFieldsIsASetOfColumnPositions() throws {
        // Positions: tenant, day, at, seq (the key), then body, owner by name.
        XCTAssertEqual(try shape(["tenant": "a", "day": 1, "seq": 3])?.columns, 0b1011)
        XCTAssertEqual(try shape(["body": "x"])?.columns, 0b1_0000)
        XCTAssertEqual(try shape([:])?.columns, 0)
        XCTAssertEqual(try shape(["tenant": "a", "day": 1]), try shape(["day": 2, "tenant": "b"]), "values do not change the shape")
    }

    func testEverythingElseTakesTheGeneralPath() throws {
        XCTAssertNil(try shape(["seq": ["$gt": 1]]), "operator object")
        XCTAssertNil(try shape(["$and": [["seq": 1]]]))
        XCTAssertNil(try shape(["address": ["city": "x"]], schema: Fixtures.customers()), "a map value may be an operator object")
        XCTAssertNil(try shape(["nope": 1]), "unknown fields are reported by the general path")
        XCTAssertNil(try shape(["tenant": "a"], .init(select: ["day"])))
        XCTAssertNil(try shape(["tenant": "a", "day": 1], .init(orderBy: ["at": .asc])))
        XCTAssertNil(try shape(["tenant": "a"], .init(perPartitionLimit: 1)))
    }

    func testOptionsThatChangeTheTextChangeTheShape() throws {
        let query: [String: ORMValue] = ["tenant": "a", "day": 1]
        XCTAssertEqual(try shape(query, .init(limit: 1))?.limit, .one)
        XCTAssertEqual(try shape(query, .init(limit: 7))?.limit, .bound)
        XCTAssertEqual(try shape(query, .init(limit: 7)), try shape(query, .init(limit: 8)))
        XCTAssertEqual(try shape(query)?.limit, .unlimited)
        XCTAssertNotEqual(try shape(query), try shape(query, .init(allowFiltering: true)))
        XCTAssertNotEqual(try shape(query), EqualityShape(query, options: .init(), limit: nil, isCount: true,
                                                                   layout: layout(try Fixtures.events())))
        XCTAssertEqual(try shape(query), try shape(query, .init(pageSize: 3, consistency: .quorum, raw: true)), "not in the text")
    }

    /// The statement of a shape binds values in ascending position order: it must be the
    /// order in which the builder writes the relations.
    func testPositionOrderIsTheOrderOfTheBuiltStatement() throws {
        for schema in [try Fixtures.events(), try Fixtures.customers()] {
            let names = schema.orderedColumns
            let builder = Fixtures.builder(schema)
            for subset in 0..<(1 << names.count) {
                let fields = names.indices.filter { subset & (1 << $0) != 0 }.map { names[$0] }
                let restrictions = fields.reversed().map { Restriction(field: $0, op: .eq, value: .null) }
                XCTAssertEqual(builder.ordered(restrictions).map(\.field), fields, "\(fields)")
            }
        }
    }
}
