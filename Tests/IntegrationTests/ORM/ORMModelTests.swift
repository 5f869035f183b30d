import CassandraDriver
import CassandraORM
import CQLTesting
import Foundation
import XCTest

/// The dynamic API end to end: connect, load, save, find, update, delete.
final class ORMModelTests: XCTestCase {
    func testCreateClientCreatesTheKeyspaceAndExposesTheDriver() async throws {
        let target = try await TestServer.shared.target()
        let keyspace = uniqueKeyspaceName(prefix: "orm")
        let client = try await CassandraORM.createClient(
            clientOptions: .init(contactPoints: target.contactPoints, keyspace: keyspace, poolSize: 2, consistency: .one),
            ormOptions: .init(createKeyspace: true, replication: .simple(replicationFactor: 1)))
        XCTAssertThrowsError(try client.driver) { XCTAssertEqual(($0 as? ORMError)?.code, .notConnected) }
        try await client.connect()
        let result = try await client.driver.execute("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?", keyspace)
        XCTAssertEqual(result.count, 1)
        XCTAssertEqual(try client.driver.keyspace, keyspace)
        XCTAssertNotNil(client.uuid().uuidValue)
        XCTAssertEqual(client.timeuuid().uuidValue.map { $0.uuid.6 >> 4 }, 1)
        try await client.driver.execute("DROP KEYSPACE \(keyspace)")
        try await client.close()
        let invalid = await ormErrorCode {
            _ = try await CassandraORM.createClient(clientOptions: .init(contactPoints: ["127.0.0.1"], keyspace: "bad name"))
        }
        XCTAssertEqual(invalid, .invalidIdentifier)
    }

    func testSaveFindUpdateDeleteRoundTrip() async throws {
        try await withTestClient { client in
            let Customer = try await client.loadSchema("customers", fields: [
                "id": "uuid", "email": "text", "address": "map<text,text>", "tags": "set<text>", "visits": "list<int>",
                "rating": "double", "status": .init(type: "text", default: "new"),
                "nickname": .init(type: "text", rule: .init("nickname must be 3+ characters") { ($0.stringValue?.count ?? 0) >= 3 }),
            ], key: ["id"], options: .init(timestamps: .init(), versions: .init()))
            let id = client.uuid()
            try await Customer.save(["id": id, "email": "a@b.c", "address": ["city": "Paris"], "tags": ["a"], "visits": [1], "rating": 4.5])
            var found = try await XCTUnwrapAsync(try await Customer.findOne(["id": id]))
            XCTAssertEqual(found["email"], "a@b.c")
            XCTAssertEqual(found["address"], ["city": "Paris"])
            XCTAssertEqual(found["status"], "new", "default applied")
            XCTAssertNotNil(found["created_at"].dateValue)
            XCTAssertNotNil(found["__v"].uuidValue)
            let firstVersion = found["__v"]

            try await Customer.update(where: ["id": id], set: [
                "tags": ["$add": ["b"]], "visits": ["$append": [2]], "address": ["$add": ["zip": "75001"]], "rating": 5,
            ])
            try await Customer.update(where: ["id": id], set: ["visits": ["$prepend": [0]], "tags": ["$remove": ["a"]],
                                                              "address": ["$remove": ["city"]]])
            found = try await XCTUnwrapAsync(try await Customer.findOne(["id": id]))
            XCTAssertEqual(found["tags"], ["b"])
            XCTAssertEqual(found["visits"], [0, 1, 2])
            XCTAssertEqual(found["address"], ["zip": "75001"])
            XCTAssertEqual(found["rating"], 5.0)
            XCTAssertNotEqual(found["__v"], firstVersion)

            let notApplied = try await Customer.save(["id": id, "email": "other"], options: .init(ifNotExists: true))
            XCTAssertFalse(notApplied.applied)
            let conditional = try await Customer.update(where: ["id": id], set: ["email": "x"], options: .init(conditions: ["email": "nope"]))
            XCTAssertFalse(conditional.applied)
            let applied = try await Customer.update(where: ["id": id], set: ["email": "x@y.z"], options: .init(conditions: ["email": "a@b.c"]))
            XCTAssertTrue(applied.applied)
            let missing = try await Customer.update(where: ["id": client.uuid()], set: ["email": "x"], options: .init(ifExists: true))
            XCTAssertFalse(missing.applied)

            let invalid = await ormErrorCode { try await Customer.save(["id": client.uuid(), "nickname": "ab"]) }
            XCTAssertEqual(invalid, .validationFailed)
            let wrongType = await ormErrorCode { try await Customer.save(["id": client.uuid(), "rating": "high"]) }
            XCTAssertEqual(wrongType, .invalidValue)
            let unknown = await ormErrorCode { try await Customer.save(["id": client.uuid(), "nope": 1]) }
            XCTAssertEqual(unknown, .unknownField)

            await XCTAssertEqualAsync(try await Customer.count(), 1)
            try await Customer.delete(where: ["id": id])
            await XCTAssertNilAsync(try await Customer.findOne(["id": id]))
            await XCTAssertEqualAsync(try await Customer.count(), 0)
        }
    }

    func testTTLAndTimestampAreBound() async throws {
        try await withTestClient { client in
            let Tokens = try await client.loadSchema("sessions", fields: ["id": "int", "token": "text"], key: ["id"])
            try await Tokens.save(["id": 1, "token": "t"], options: .init(ttl: 3600, timestamp: 1_000))
            try await Tokens.save(["id": 1, "token": "older"], options: .init(timestamp: 999))
            await XCTAssertEqualAsync(try await Tokens.findOne(["id": 1])?["token"], "t", "the older write loses")
            let ttl = try await client.driver.execute("SELECT TTL(\"token\") FROM \"sessions\" WHERE \"id\" = 1")
            XCTAssertGreaterThan(try ttl.first?[0, as: Int32?.self] ?? 0, 3500)
        }
    }
}

/// `XCTUnwrap` for an async expression.
func XCTUnwrapAsync<T>(_ value: @autoclosure () async throws -> T?, file: StaticString = #filePath, line: UInt = #line) async throws -> T {
    let result = try await value()
    return try XCTUnwrap(result, file: file, line: line)
}
