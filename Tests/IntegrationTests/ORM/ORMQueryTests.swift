import CassandraDriver
import CassandraORM
import CQLTesting
import Foundation
import XCTest

/// Every operator and read option against real rows.
final class ORMQueryTests: XCTestCase {
    private func loadEvents(_ client: CassandraClient) async throws -> Model {
        let Event = try await client.loadSchema("events", fields: [
            "tenant": "text", "day": "int", "seq": "int", "kind": "text", "score": "double",
            "labels": "set<text>", "attrs": "map<text, text>", "title": "text",
        ], key: [["tenant", "day"], "seq"], clusteringOrder: ["seq": .desc], indexes: ["kind", .keys("attrs"), .sai("title")])
        for day in 1...2 {
            for seq in 0..<10 {
                try await Event.save(["tenant": "acme", "day": .int(Int64(day)), "seq": .int(Int64(seq)),
                                      "kind": seq % 2 == 0 ? "even" : "odd", "score": .double(Double(seq) / 2),
                                      "labels": ["l\(seq % 3)"], "attrs": ["k\(seq % 4)": "v"], "title": "title \(seq)"])
            }
        }
        return Event
    }

    private func seqs(_ records: [Record]) -> [Int64] { records.compactMap { $0["seq"].intValue } }

    func testComparisonOperators() async throws {
        try await withTestClient { client in
            let Event = try await loadEvents(client)
            let partition: [String: ORMValue] = ["tenant": "acme", "day": 1]
            func find(_ extra: [String: ORMValue], filtering: Bool = false) async throws -> [Int64] {
                seqs(try await Event.find(partition.merging(extra) { $1 }, options: .init(allowFiltering: filtering)))
            }
            await XCTAssertEqualAsync(try await find(["seq": 3]), [3])
            await XCTAssertEqualAsync(try await find(["seq": ["$eq": 4]]), [4])
            await XCTAssertEqualAsync(try await find(["seq": ["$gt": 7]]), [9, 8])
            await XCTAssertEqualAsync(try await find(["seq": ["$gte": 7]]), [9, 8, 7])
            await XCTAssertEqualAsync(try await find(["seq": ["$lt": 2]]), [1, 0])
            await XCTAssertEqualAsync(try await find(["seq": ["$lte": 2]]), [2, 1, 0])
            await XCTAssertEqualAsync(try await find(["seq": ["$gt": 2, "$lt": 5]]), [4, 3])
            await XCTAssertEqualAsync(try await find(["seq": ["$in": [1, 5, 42]]]), [5, 1])
            await XCTAssertEqualAsync(try await find(["score": ["$ne": 0]], filtering: true).count, 9)
            await XCTAssertEqualAsync(try await find(["$and": [["seq": ["$gte": 2]], ["seq": ["$lte": 3]]]]), [3, 2])
            await XCTAssertEqualAsync(seqs(try await Event.find(["tenant": "acme", "day": ["$in": [1, 2]], "seq": 0])), [0, 0])
        }
    }

    func testIndexedAndCollectionOperators() async throws {
        try await withTestClient { client in
            let Event = try await loadEvents(client)
            await XCTAssertEqualAsync(try await Event.find(["kind": "odd"]).count, 10)
            await XCTAssertEqualAsync(try await Event.find(["attrs": ["$contains_key": "k1"]]).count, 6)
            await XCTAssertEqualAsync(try await Event.find(["labels": ["$contains": "l0"]], options: .init(allowFiltering: true)).count, 8)
            await XCTAssertEqualAsync(try await Event.find(["attrs": ["$contains": "v"]], options: .init(allowFiltering: true)).count, 20)
            await XCTAssertEqualAsync(try await Event.find(["title": ["$like": "title 1%"]], options: .init(allowFiltering: true)).count, 2)
            let rejected = await ormErrorCode { _ = try await Event.find(["score": ["$gt": 1]]) }
            XCTAssertEqual(rejected, .filteringRequired, "rejected before it is sent")
        }
    }

    func testTokenRanges() async throws {
        try await withTestClient { client in
            let Event = try await loadEvents(client)
            let all = try await Event.find(["tenant": ["$token": ["$gte": ["acme", 1]]]])
            let rest = try await Event.find(["tenant": ["$token": ["$gt": ["acme", 1]]]])
            XCTAssertGreaterThan(all.count, rest.count)
            XCTAssertEqual(all.count - rest.count, 10)
        }
    }

    func testReadOptions() async throws {
        try await withTestClient { client in
            let Event = try await loadEvents(client)
            let partition: [String: ORMValue] = ["tenant": "acme", "day": 1]
            let projected = try await Event.find(partition, options: .init(select: ["seq", "kind"], limit: 3))
            XCTAssertEqual(seqs(projected), [9, 8, 7])
            XCTAssertEqual(Set(projected[0].values.keys), ["seq", "kind"])
            await XCTAssertEqualAsync(seqs(try await Event.find(partition, options: .init(limit: 2, orderBy: ["seq": .asc]))), [0, 1])
            await XCTAssertEqualAsync(try await Event.find([:], options: .init(perPartitionLimit: 2)).count, 4)
            await XCTAssertEqualAsync(try await Event.count(["kind": "even"]), 10)
            await XCTAssertEqualAsync(try await Event.count(partition, options: .init(consistency: .one)), 10)

            let first = try await Event.findPage(partition, options: .init(pageSize: 4))
            XCTAssertEqual(seqs(first.records), [9, 8, 7, 6])
            let second = try await Event.findPage(partition, options: .init(pageSize: 4, pagingState: first.pagingState))
            XCTAssertEqual(seqs(second.records), [5, 4, 3, 2])
            await XCTAssertEqualAsync(try await Event.find([:], options: .init(pageSize: 3)).count, 20, "find pages through everything")

            var streamed: [Int64] = []
            for try await record in Event.stream(partition, options: .init(pageSize: 3)) {
                streamed.append(record["seq"].intValue ?? -1)
                if streamed.count == 5 { break }
            }
            XCTAssertEqual(streamed, [9, 8, 7, 6, 5])

            let raw = try await Event.findOne(partition, options: .init(raw: true))
            XCTAssertTrue(raw?.values.isEmpty ?? false)
            XCTAssertEqual(try raw?.row?["seq", as: Int32.self], 9)
        }
    }
}
