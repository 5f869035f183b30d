import CassandraORM
@testable import CassandraSubscriptions
import Foundation
import XCTest

final class ChangeConditionTests: XCTestCase {
    private let order: [String: ORMValue] = [
        "id": .uuid(UUID(uuidString: "9B1DEB4D-3B7D-4BAD-9BDD-2B0D7B3DCB6D")!), "status": "paid", "total": 120,
        "rating": 4.5, "tags": ["vip", "eu"], "attributes": ["color": "red"], "email": "ann@example.com",
    ]

    func testEqualityAndNumbersAcrossIntAndDouble() throws {
        XCTAssertTrue(try ChangeCondition(["status": "paid"]).matches(order))
        XCTAssertFalse(try ChangeCondition(["status": "new"]).matches(order))
        XCTAssertTrue(try ChangeCondition(["total": 120.0]).matches(order))
        XCTAssertTrue(try ChangeCondition(["id": "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d"]).matches(order))
        XCTAssertTrue(try ChangeCondition(["status": ["$ne": "new"]]).matches(order))
    }

    func testRangesAndIn() throws {
        XCTAssertTrue(try ChangeCondition(["total": ["$gte": 120, "$lt": 121]]).matches(order))
        XCTAssertFalse(try ChangeCondition(["total": ["$gt": 120]]).matches(order))
        XCTAssertTrue(try ChangeCondition(["rating": ["$lte": 5]]).matches(order))
        XCTAssertTrue(try ChangeCondition(["status": ["$in": ["new", "paid"]]]).matches(order))
        XCTAssertFalse(try ChangeCondition(["status": ["$in": ["new"]]]).matches(order))
        XCTAssertTrue(try ChangeCondition(["email": ["$gt": "ann"]]).matches(order))
    }

    func testCollectionsAndLike() throws {
        XCTAssertTrue(try ChangeCondition(["tags": ["$contains": "vip"]]).matches(order))
        XCTAssertFalse(try ChangeCondition(["tags": ["$contains": "us"]]).matches(order))
        XCTAssertTrue(try ChangeCondition(["attributes": ["$contains_key": "color"]]).matches(order))
        XCTAssertTrue(try ChangeCondition(["attributes": ["$contains": "red"]]).matches(order))
        XCTAssertTrue(try ChangeCondition(["email": ["$like": "%@example.com"]]).matches(order))
        XCTAssertTrue(try ChangeCondition(["email": ["$like": "ann%"]]).matches(order))
        XCTAssertTrue(try ChangeCondition(["email": ["$like": "%example%"]]).matches(order))
        XCTAssertFalse(try ChangeCondition(["email": ["$like": "bob%"]]).matches(order))
    }

    func testMissingFieldsAreNullAndMismatchedKindsNeverCompare() throws {
        XCTAssertTrue(try ChangeCondition(["deleted_at": nil]).matches(order))
        XCTAssertFalse(try ChangeCondition(["deleted_at": ["$gt": 0]]).matches(order))
        XCTAssertTrue(try ChangeCondition(["deleted_at": ["$ne": 1]]).matches(order))
        XCTAssertFalse(try ChangeCondition(["status": ["$gt": 3]]).matches(order))
        XCTAssertFalse(try ChangeCondition(["visits": ["$gt": 0]]).matches(["visits": ["$incr": 1]]))
    }

    func testAndCombinesEveryRestriction() throws {
        let condition = try ChangeCondition(["$and": [["total": ["$gt": 100]], ["total": ["$lt": 200]]], "status": "paid"])
        XCTAssertTrue(condition.matches(order))
        XCTAssertFalse(condition.matches(order.merging(["total": 250]) { $1 }))
        XCTAssertTrue(ChangeCondition.always.matches([:]))
    }

    func testInvalidConditionsAreRefused() {
        for query: [String: ORMValue] in [["total": ["$between": [1, 2]]], ["status": ["$in": "paid"]], ["$or": [["a": 1]]],
                                          ["$and": "x"], ["id": ["$token": ["$gt": 1]]], ["email": ["$like": 3]]] {
            XCTAssertThrowsError(try ChangeCondition(query), "\(query)") { error in
                XCTAssertEqual((error as? SubscriptionError)?.code, .invalidCondition)
            }
        }
    }
}
