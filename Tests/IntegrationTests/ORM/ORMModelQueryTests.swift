import CassandraDriver
import CassandraORM
import CQLTesting
import Foundation
import XCTest

/// Compiled queries (`Model.query`, `TypedModel.query`, `CassandraModel.query`) against real
/// rows: values in the order written, their checks before sending, and reconnects.
final class ORMModelQueryTests: XCTestCase {
    struct Product: CassandraModel, Equatable {
        static let schema = ModelSchema("query_products", fields: ["id": "uuid", "name": "text", "price": "double", "stock": "int"],
                                        key: ["id"], indexes: ["name"])
        var id: UUID
        var name: String
        var price: Double
        var stock: Int32?
    }

    private func loadEvents(_ client: CassandraClient) async throws -> Model {
        let Event = try await client.loadSchema("query_events", fields: [
            "tenant": "text", "day": "int", "seq": "int", "kind": "text", "score": "double",
        ], key: [["tenant", "day"], "seq"], clusteringOrder: ["seq": .desc])
        for day in 1...2 {
            for seq in 0..<10 {
                try await Event.save(["tenant": "acme", "day": .int(Int64(day)), "seq": .int(Int64(seq)),
                                      "kind": seq % 2 == 0 ? "even" : "odd", "score": .double(Double(seq) / 2)])
            }
        }
        return Event
    }

    private func seqs(_ records: [Record]) -> [Int64] { records.compactMap { $0["seq"].intValue } }

    func testValuesComeInTheOrderTheRestrictionsWereWritten() async throws {
        try await withTestClient { client in
            let Event = try await loadEvents(client)
            let after = try Event.query(where: ["seq": .gt, "day": .eq, "tenant": .eq])
            XCTAssertEqual(after.parameters, ["seq", "day", "tenant"])
            await XCTAssertEqualAsync(seqs(try await after.find(6, 2, "acme")), [9, 8, 7])
            await XCTAssertEqualAsync(try await after.findOne(6, 2, "acme")?["seq"], 9)
            await XCTAssertNilAsync(try await after.findOne(9, 2, "acme"))

            let window = try Event.query(where: ["tenant": .eq, "day": .eq, "seq": .gte, "seq": .lt],
                                         options: .init(limit: 2, orderBy: ["seq": .asc]))
            await XCTAssertEqualAsync(seqs(try await window.find("acme", 1, 3, 8)), [3, 4])
            await XCTAssertEqualAsync(try await window.findOne("acme", 1, 3, 8)?["seq"], 3, "findOne reads one row")

            let days = try Event.query(where: ["tenant": .eq, "day": .in, "seq": .eq])
            await XCTAssertEqualAsync(seqs(try await days.find("acme", [1, 2, 3], 4)), [4, 4])

            let paged = try Event.query(where: ["tenant": .eq, "day": .eq], options: .init(pageSize: 3))
            await XCTAssertEqualAsync(try await paged.find("acme", 1).count, 10, "find pages through everything")
            let raw = try Event.query(where: ["tenant": .eq, "day": .eq], options: .init(raw: true))
            let row = try await raw.findOne("acme", 2)
            XCTAssertEqual(try row?.row?["seq", as: Int32.self], 9)
        }
    }

    func testInvalidQueriesAreRejectedWhenCompiled() async throws {
        try await withTestClient { client in
            let Event = try await loadEvents(client)
            func code(_ body: () throws -> Model.Query) -> ORMError.Code? {
                do {
                    _ = try body()
                    return nil
                } catch {
                    return (error as? ORMError)?.code
                }
            }
            XCTAssertEqual(code { try Event.query(where: ["nope": .eq]) }, .unknownField)
            XCTAssertEqual(code { try Event.query(where: ["kind": .eq]) }, .filteringRequired)
            XCTAssertNil(code { try Event.query(where: ["kind": .eq], options: .init(allowFiltering: true)) })
            XCTAssertEqual(code { try Event.query(where: ["tenant": .eq, "day": .eq, "kind": .contains]) }, .invalidQuery)
            XCTAssertEqual(code { try Event.query(where: ["tenant": .eq, "day": .eq, "day": .eq]) }, .invalidQuery)
            XCTAssertEqual(code { try Event.query(where: ["tenant": .eq, "day": .eq], options: .init(orderBy: ["kind": .asc])) },
                           .invalidQuery)
            XCTAssertEqual(code { try Event.query(where: ["tenant": .eq, "day": .eq], options: .init(limit: -1)) }, .invalidQuery)
        }
    }

    func testValuesAreCheckedBeforeAnythingIsSent() async throws {
        try await withTestClient { client in
            let Event = try await loadEvents(client)
            let byKey = try Event.query(where: ["tenant": .eq, "day": .eq, "seq": .eq])
            let days = try Event.query(where: ["tenant": .eq, "day": .in])
            await XCTAssertEqualAsync(await ormErrorCode { _ = try await byKey.findOne("acme", 1) }, .invalidQuery, "too few values")
            await XCTAssertEqualAsync(await ormErrorCode { _ = try await byKey.find("acme", 1, 2, 3) }, .invalidQuery, "too many")
            await XCTAssertEqualAsync(await ormErrorCode { _ = try await byKey.findOne("acme", "one", 2) }, .invalidValue)
            await XCTAssertEqualAsync(await ormErrorCode { _ = try await byKey.findOne("acme", 1, .int(1 << 40)) }, .invalidValue,
                                      "out of range for int")
            await XCTAssertEqualAsync(await ormErrorCode { _ = try await days.find("acme", 1) }, .invalidQuery, "$in takes a list")
            await XCTAssertEqualAsync(await ormErrorCode { _ = try await days.find("acme", ["x"]) }, .invalidValue)
            await XCTAssertEqualAsync(try await byKey.findOne("acme", 1, 2)?["kind"], "even", "still usable after errors")

            try await client.close()
            await XCTAssertEqualAsync(await ormErrorCode { _ = try await byKey.findOne("acme", 1) }, .invalidQuery,
                                      "the arity is checked before the connection")
            await XCTAssertEqualAsync(await ormErrorCode { _ = try await byKey.findOne("acme", 1, 2) }, .notConnected)
            try await client.connect()
            await XCTAssertEqualAsync(try await byKey.findOne("acme", 1, 3)?["kind"], "odd", "prepared again on the new session")
        }
    }

    func testTypedQueriesDecodeIntoTheModel() async throws {
        try await withTestClient { client in
            try await client.loadSchema(Product.self)
            let pen = Product(id: UUID(), name: "pen", price: 1.5, stock: nil)
            let mug = Product(id: UUID(), name: "mug", price: 4, stock: 3)
            try await pen.save()
            try await mug.save()

            let byID = try Product.query(where: ["id": .eq])
            XCTAssertEqual(byID.parameters, ["id"])
            await XCTAssertEqualAsync(try await byID.findOne(.uuid(pen.id)), pen)
            await XCTAssertEqualAsync(try await byID.findOne(.string(mug.id.uuidString)), mug, "a UUID string converts")
            await XCTAssertNilAsync(try await byID.findOne(.uuid(UUID())))
            await XCTAssertEqualAsync(await ormErrorCode { _ = try await byID.findOne("not a uuid") }, .invalidValue)

            let byName = try Product.query(where: ["name": .eq])
            await XCTAssertEqualAsync(try await byName.find("mug"), [mug])
            let cheap = try await client.model(Product.self).query(where: ["price": .lt], options: .init(allowFiltering: true))
            await XCTAssertEqualAsync(try await cheap.find(2), [pen])
        }
    }

    func testMoreEqualityShapesThanTheCacheKeepsStayCorrect() async throws {
        try await withTestClient { client in
            let Event = try await loadEvents(client)
            let extras: [[String: ORMValue]] = [[:], ["seq": 4], ["kind": "even"], ["score": .double(2)], ["seq": 4, "kind": "even"],
                                                ["kind": "even", "score": .double(2)], ["seq": 4, "score": .double(2)],
                                                ["seq": 4, "kind": "even", "score": .double(2)]]
            for _ in 0..<2 {
                for extra in extras {
                    let matching = extra.isEmpty ? 10 : extra == ["kind": "even"] ? 5 : 1
                    for limit in [nil, 1, 3] {
                        let query = extra.merging(["tenant": "acme", "day": 1]) { $1 }
                        let records = try await Event.find(query, options: .init(limit: limit, allowFiltering: true))
                        XCTAssertEqual(records.count, min(matching, limit ?? .max), "\(extra) limit \(String(describing: limit))")
                    }
                }
            }
        }
    }

    func testEqualityReadsReuseTheirStatementWithTheValuesInKeyOrder() async throws {
        try await withTestClient { client in
            let Event = try await loadEvents(client)
            for _ in 0..<2 {
                await XCTAssertEqualAsync(try await Event.findOne(["seq": 3, "tenant": "acme", "day": 2])?["kind"], "odd")
                await XCTAssertEqualAsync(try await Event.findOne(["day": 1, "seq": 4, "tenant": "acme"])?["score"], .double(2))
                await XCTAssertEqualAsync(try await Event.find(["tenant": "acme", "day": 1], options: .init(limit: 3)).count, 3)
                await XCTAssertEqualAsync(try await Event.count(["tenant": "acme", "day": 2]), 10)
                await XCTAssertEqualAsync(await ormErrorCode { _ = try await Event.findOne(["tenant": "acme", "day": "x", "seq": 1]) },
                                          .invalidValue)
                await XCTAssertEqualAsync(await ormErrorCode { _ = try await Event.find(["tenant": "acme", "day": 1], options: .init(limit: 0)) },
                                          .invalidQuery)
                await XCTAssertEqualAsync(await ormErrorCode { _ = try await Event.find(["kind": "odd"]) }, .filteringRequired)
                await XCTAssertEqualAsync(await ormErrorCode { _ = try await Event.find(["nope": 1]) }, .unknownField)
            }
        }
    }
}
