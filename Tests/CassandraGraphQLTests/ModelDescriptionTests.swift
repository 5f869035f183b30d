import CassandraGraphQL
import CassandraORM
import XCTest

final class ModelDescriptionTests: XCTestCase {
    func testNamesFollowTheTableUnlessATypeNameIsGiven() throws {
        let events = try ModelDescription(Fixtures.events)
        XCTAssertEqual(events.typeName, "TenantEvents")
        XCTAssertEqual([events.getField, events.listField, events.createField, events.updateField, events.deleteField],
                       ["tenantEvents", "tenantEventsList", "createTenantEvents", "updateTenantEvents", "deleteTenantEvents"])
        XCTAssertEqual(try ModelDescription(Fixtures.events, typeName: "Event").filterType, "EventFilter")
    }

    func testColumnsAreKeyFirstThenByNameWithRolesAndManagedFlags() throws {
        let events = try ModelDescription(Fixtures.events)
        XCTAssertEqual(events.columns.map(\.name), ["tenant", "day", "seq", "at", "data", "payload", "score"])
        XCTAssertEqual(events.primaryKey.map(\.role), [.partitionKey, .partitionKey, .clustering])
        let products = try ModelDescription(Fixtures.products)
        let version = try XCTUnwrap(products.columns.first { $0.name == "__v" })
        XCTAssertEqual(version.graphQLName, "_v")
        XCTAssertTrue(version.isManaged)
        XCTAssertFalse(products.writableColumns.contains { $0.name == "__v" })
    }

    func testIllegalOrClashingNamesAreRefused() {
        let clash = ModelSchema("t", fields: ["__v": "int", "_v": "int", "id": "int"], key: ["id"])
        XCTAssertThrowsError(try ModelDescription(clash)) { XCTAssertEqual(($0 as? GraphQLServiceError)?.code, .invalidSchema) }
        let lower = ModelSchema("t", fields: ["id": "int"], key: ["id"])
        XCTAssertThrowsError(try ModelDescription(lower, typeName: "lowercase"))
        let argument = ModelSchema("t", fields: ["set": "int", "v": "int"], key: ["set"])
        XCTAssertThrowsError(try ModelDescription(argument))
        let quoted = ModelSchema("t\"\"\"", fields: ["id": "int"], key: ["id"])
        XCTAssertThrowsError(try ModelDescription(quoted, typeName: "Quoted"))
        let badType = ModelSchema("t", fields: ["id": "map<int"], key: ["id"])
        XCTAssertThrowsError(try ModelDescription(badType))
    }
}
