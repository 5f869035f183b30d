import CassandraDriver
import CassandraORM
import CQLTesting

/// Runs `body` with a connected ORM client on a fresh keyspace that is dropped afterwards.
func withTestClient<T: Sendable>(migration: MigrationMode = .safe, userDefinedTypes: [CassandraClient.UserDefinedType] = [],
                                 _ body: (CassandraClient) async throws -> T) async throws -> T {
    try await withTestSession { _, keyspace in
        let target = try await TestServer.shared.target()
        let client = try await CassandraORM.createClient(
            clientOptions: .init(contactPoints: target.contactPoints, keyspace: keyspace, consistency: .one, serialConsistency: .serial),
            ormOptions: .init(migration: migration, userDefinedTypes: userDefinedTypes))
        try await client.connect()
        let result: Result<T, any Error>
        do { result = .success(try await body(client)) } catch { result = .failure(error) }
        try? await client.close()
        return try result.get()
    }
}

/// The ``ORMError/Code`` of what `body` throws, or `nil` when it succeeds.
func ormErrorCode(_ body: () async throws -> Void) async -> ORMError.Code? {
    do {
        try await body()
        return nil
    } catch let error as ORMError {
        return error.code
    } catch {
        return nil
    }
}

import XCTest

/// `XCTAssertEqual` for async expressions.
func XCTAssertEqualAsync<T: Equatable>(_ left: @autoclosure () async throws -> T, _ right: @autoclosure () async throws -> T,
                                       _ message: String = "", file: StaticString = #filePath, line: UInt = #line) async {
    do {
        let (l, r) = (try await left(), try await right())
        XCTAssertEqual(l, r, message, file: file, line: line)
    } catch {
        XCTFail("threw \(String(reflecting: error)) \(message)", file: file, line: line)
    }
}

/// `XCTAssertNil` for async expressions.
func XCTAssertNilAsync<T>(_ value: @autoclosure () async throws -> T?, _ message: String = "", file: StaticString = #filePath,
                          line: UInt = #line) async {
    do {
        let value = try await value()
        XCTAssertNil(value, message, file: file, line: line)
    } catch {
        XCTFail("threw \(String(reflecting: error)) \(message)", file: file, line: line)
    }
}

/// `XCTAssertTrue` for async expressions.
func XCTAssertTrueAsync(_ value: @autoclosure () async throws -> Bool, _ message: String = "", file: StaticString = #filePath,
                        line: UInt = #line) async {
    do {
        let value = try await value()
        XCTAssertTrue(value, message, file: file, line: line)
    } catch {
        XCTFail("threw \(String(reflecting: error)) \(message)", file: file, line: line)
    }
}

/// `XCTAssertGreaterThan` for async expressions.
func XCTAssertGreaterThanAsync<T: Comparable>(_ left: @autoclosure () async throws -> T, _ right: @autoclosure () async throws -> T,
                                              _ message: String = "", file: StaticString = #filePath, line: UInt = #line) async {
    do {
        let (l, r) = (try await left(), try await right())
        XCTAssertGreaterThan(l, r, message, file: file, line: line)
    } catch {
        XCTFail("threw \(String(reflecting: error)) \(message)", file: file, line: line)
    }
}
