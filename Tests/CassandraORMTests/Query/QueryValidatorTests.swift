import XCTest
@testable import CassandraORM

final class QueryValidatorTests: XCTestCase {
    private func code(_ query: [String: ORMValue], _ options: FindOptions = .init(), schema: ResolvedSchema? = nil) throws -> ORMError.Code? {
        do {
            _ = try Fixtures.builder(schema ?? Fixtures.customers()).select(query, options: options)
            return nil
        } catch let error as ORMError {
            return error.code
        }
    }

    func testNonKeyNonIndexedFieldsNeedAllowFiltering() throws {
        XCTAssertEqual(try code(["rating": ["$gt": 4]]), .filteringRequired)
        XCTAssertNil(try code(["rating": ["$gt": 4]], .init(allowFiltering: true)))
        XCTAssertNil(try code(["name": "Ada"]), "indexed field")
        XCTAssertEqual(try code(["name": ["$gt": "A"]]), .filteringRequired, "legacy indexes serve equality only")
        XCTAssertEqual(try code(["tags": ["$contains": "x"]]), .filteringRequired)
        XCTAssertNil(try code(["address": ["$contains_key": "x"]]))
        XCTAssertEqual(try code(["address": ["$contains": "x"]]), .filteringRequired, "a keys index does not serve values")
        XCTAssertEqual(try code(["id": ["$ne": .uuid(UUID())]]), .filteringRequired)
    }

    func testPartitionAndClusteringRules() throws {
        let events = try Fixtures.events()
        XCTAssertNil(try code(["tenant": "t", "day": 1, "at": ["$gt": 1]], schema: events))
        XCTAssertEqual(try code(["tenant": "t"], schema: events), .filteringRequired, "partial partition key")
        XCTAssertEqual(try code(["at": ["$gt": 1]], schema: events), .filteringRequired, "clustering without partition")
        XCTAssertEqual(try code(["tenant": "t", "day": 1, "seq": 1], schema: events), .filteringRequired, "skips 'at'")
        XCTAssertNil(try code(["tenant": "t", "day": 1, "body": ["$gt": "a"]], schema: events), "SAI serves ranges")
        XCTAssertNil(try code(["tenant": ["$token": ["$gt": ["a", 1]]]], schema: events))
    }

    func testAFieldComparedByEqualityHasNoOtherRelation() throws {
        let events = try Fixtures.events()
        let partition: [String: ORMValue] = ["tenant": "t", "day": 1]
        XCTAssertEqual(try code(partition.merging(["$and": [["at": 1], ["at": 2]]]) { $1 }, schema: events), .invalidQuery)
        XCTAssertEqual(try code(partition.merging(["$and": [["at": ["$in": [1, 2]]], ["at": ["$gt": 0]]]]) { $1 }, schema: events),
                       .invalidQuery)
        XCTAssertNil(try code(partition.merging(["at": ["$gt": 1, "$lt": 5]]) { $1 }, schema: events), "a range has two bounds")
        XCTAssertNil(try code(["tags": ["$contains": "a"], "$and": [["tags": ["$contains": "b"]]]], .init(allowFiltering: true)))
    }

    func testOrderByMustFollowClusteringWithARestrictedPartition() throws {
        let events = try Fixtures.events()
        XCTAssertNil(try code(["tenant": "t", "day": 1], .init(orderBy: ["at": .asc]), schema: events))
        XCTAssertNil(try code(["tenant": "t", "day": 1], .init(orderBy: ["at": .desc, "seq": .asc]), schema: events))
        XCTAssertEqual(try code(["tenant": "t", "day": 1], .init(orderBy: ["at": .desc, "seq": .desc]), schema: events), .invalidQuery)
        XCTAssertEqual(try code(["tenant": "t", "day": 1], .init(orderBy: ["seq": .asc]), schema: events), .invalidQuery)
        XCTAssertEqual(try code([:], .init(orderBy: ["at": .asc]), schema: events), .invalidQuery)
        XCTAssertEqual(try code(["id": .uuid(UUID())], .init(orderBy: ["rating": .asc])), .invalidQuery)
    }

    func testUnknownFieldsOperatorsAndMisusedOperators() throws {
        XCTAssertEqual(try code(["nope": 1]), .unknownField)
        XCTAssertEqual(try code(["id": .uuid(UUID())], .init(select: ["nope"])), .unknownField)
        XCTAssertEqual(try code(["rating": ["$near": 1]]), .invalidQuery)
        XCTAssertEqual(try code(["rating": ["$contains": 1]], .init(allowFiltering: true)), .invalidQuery)
        XCTAssertEqual(try code(["tags": ["$contains_key": "a"]], .init(allowFiltering: true)), .invalidQuery)
        XCTAssertEqual(try code(["rating": ["$like": "a%"]], .init(allowFiltering: true)), .invalidQuery)
        XCTAssertEqual(try code(["id": ["$in": "not a list"]]), .invalidQuery)
        XCTAssertEqual(try code(["$or": [["id": 1]]]), .invalidQuery)
        XCTAssertEqual(try code(["$and": "x"]), .invalidQuery)
        XCTAssertEqual(try code(["id": .uuid(UUID())], .init(limit: 0)), .invalidQuery)
    }

    func testWritesNeedThePrimaryKey() throws {
        let builder = Fixtures.builder(try Fixtures.events())
        XCTAssertThrowsError(try builder.update(where: ["tenant": "t", "day": 1], set: ["body": "x"], options: .init())) {
            XCTAssertEqual(($0 as? ORMError)?.code, .missingPrimaryKey)
        }
        XCTAssertNoThrow(try builder.update(where: ["tenant": "t", "day": 1], set: ["owner": "x"], options: .init()), "static only")
        XCTAssertThrowsError(try builder.update(where: ["tenant": "t", "day": 1, "at": 1, "seq": 1], set: ["seq": 2], options: .init())) {
            XCTAssertEqual(($0 as? ORMError)?.code, .invalidQuery)
        }
        XCTAssertThrowsError(try builder.insert(["tenant": "t", "day": 1, "at": 1], options: .init())) {
            XCTAssertEqual(($0 as? ORMError)?.code, .missingPrimaryKey)
        }
        XCTAssertThrowsError(try builder.update(where: ["tenant": "t", "day": 1, "at": 1, "seq": 1, "body": "x"], set: ["owner": "y"],
                                                options: .init()))
    }
}
