import CassandraGraphQL
import CassandraORM
import CQLProtocol
import GraphQL
import XCTest

final class ArgumentTranslatorTests: XCTestCase {
    private let products = ArgumentTranslator(model: try! ModelDescription(Fixtures.products))
    private let events = ArgumentTranslator(model: try! ModelDescription(Fixtures.events))
    private let id = "6f1c2a52-8d7e-4a57-9a3b-2f7a5e0c1d11"

    func testFiltersBecomeMongoLikeQueriesWithTypedValues() throws {
        let query = try products.query([
            "name": ["like": "La%"], "price": ["gte": "10.5", "lt": 20], "stock": ["in": [1, 2]],
            "tags": ["contains": "led"], "attributes": ["containsKey": "color"], "id": ["eq": .string(id)],
        ])
        XCTAssertEqual(query, [
            "name": ["$like": "La%"], "price": ["$gte": "10.5", "$lt": "20"], "stock": ["$in": [1, 2]],
            "tags": ["$contains": "led"], "attributes": ["$contains_key": "color"], "id": ["$eq": .uuid(UUID(uuidString: id)!)],
        ])
    }

    func testFilterValuesOfDatesTimestampsAndBigIntegers() throws {
        let query = try events.query([
            "day": ["eq": "1970-01-02"], "at": ["gt": "2024-01-01T00:00:00Z"], "seq": ["lte": "9223372036854775807", "gt": 5],
        ])
        XCTAssertEqual(query["day"], ["$eq": .cql(.date(1))])
        XCTAssertEqual(query["at"], ["$gt": .date(Date(timeIntervalSince1970: 1_704_067_200))])
        XCTAssertEqual(query["seq"], ["$lte": .int(.max), "$gt": 5])
    }

    func testNullsAndAbsentFiltersAreIgnoredAndBadValuesRefused() throws {
        XCTAssertEqual(try products.query(.null), [:])
        XCTAssertEqual(try products.query(["name": .null, "stock": ["eq": .undefined]]), [:])
        XCTAssertThrowsError(try products.query(["id": ["eq": "not-a-uuid"]])) {
            XCTAssertEqual(($0 as? GraphQLServiceError)?.code, .invalidArgument)
        }
        XCTAssertThrowsError(try products.query(["nope": ["eq": 1]]))
        XCTAssertThrowsError(try products.query(["stock": ["between": 1]]))
    }

    func testListArgumentsBecomeFindOptions() throws {
        let options = try events.findOptions([
            "limit": 5, "pageSize": 2, "allowFiltering": true, "cursor": "AQID", "orderBy": [["field": "seq", "direction": "DESC"]],
        ])
        XCTAssertEqual(options.limit, 5)
        XCTAssertEqual(options.pageSize, 2)
        XCTAssertTrue(options.allowFiltering)
        XCTAssertEqual(options.pagingState, [1, 2, 3])
        XCTAssertEqual(options.orderBy.map(\.key), ["seq"])
        XCTAssertEqual(options.orderBy.map(\.value), [.desc])
        let defaults = try events.findOptions([:])
        XCTAssertNil(defaults.limit)
        XCTAssertFalse(defaults.allowFiltering)
        XCTAssertNil(defaults.pagingState)
        XCTAssertEqual(defaults.orderBy.count, 0)
        XCTAssertThrowsError(try events.findOptions(["cursor": "!!"])) {
            XCTAssertEqual(($0 as? GraphQLServiceError)?.code, .invalidCursor)
        }
    }

    func testKeysAndInputs() throws {
        let key = try events.key(["tenant": "acme", "day": "2024-03-01", "seq": "7"])
        XCTAssertEqual(key, ["acme", .cql(.date(19_783)), 7])
        XCTAssertEqual(events.keyQuery(key), ["tenant": "acme", "day": .cql(.date(19_783)), "seq": 7])
        XCTAssertEqual(try events.values(["score": 1.5, "payload": ["a": 1], "data": "AAE=", "at": .null]),
                       ["score": 1.5, "payload": ["a": 1], "data": .bytes([0, 1]), "at": .null])
        XCTAssertThrowsError(try products.values(["_v": .string(id)]))
    }

    func testRecordsBecomeObjectsWithoutNullsAndWithListsAsArrays() throws {
        let record = Record(values: ["id": .uuid(UUID(uuidString: id)!), "name": "Lamp", "price": .cql(.decimal(CQLDecimal("19.90")!)),
                                     "stock": .null, "tags": ["a", "b"], "attributes": ["k": "v"]])
        let object = products.object(record)
        XCTAssertEqual(object["id"] as? Map, .string(id))
        XCTAssertEqual(object["price"] as? Map, "19.90")
        XCTAssertNil(object["stock"])
        XCTAssertEqual(object["tags"] as? [Map], ["a", "b"])
        XCTAssertEqual(object["attributes"] as? Map, ["k": "v"])
    }
}
