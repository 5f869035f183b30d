import CQLProtocol
import XCTest
@testable import CQLServer

/// The timestamp and liveness rules of `ViewUpdateGenerator` (Cassandra's
/// `ViewUpdateGenerator`), checked on hand-built base row images.
final class ViewUpdateGeneratorTests: XCTestCase {
    private let now: Int64 = 1_700_000_000

    /// The schemas of base `t (k, c) → v, w, hidden` and the views `by_v` (keyed on `v`,
    /// `SELECT *`) and `by_c` (base key only, `hidden` not selected, `k IN (1, 2)`).
    private func schemas() throws -> (base: TableSchema, byV: TableSchema, byC: TableSchema) {
        let cql = try QueryHarness.withKeyspace(
            "CREATE TABLE t (k int, c int, v int, w text, hidden text, PRIMARY KEY (k, c))",
            "CREATE MATERIALIZED VIEW by_v AS SELECT * FROM t WHERE v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (v, k, c)",
            "CREATE MATERIALIZED VIEW by_c AS SELECT k, c, v, w FROM t WHERE c IS NOT NULL AND k IN (1, 2) PRIMARY KEY (c, k)")
        let tables = cql.processor.engine.withState { $0.keyspaces["ks"]!.tables }
        return (try XCTUnwrap(tables["t"]), try XCTUnwrap(tables["by_v"]), try XCTUnwrap(tables["by_c"]))
    }

    private func int(_ value: Int32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian) { Array($0) } }

    /// An image of base row (k, c = 1) with the given cells by column name.
    private func image(_ base: TableSchema, liveness: RowLiveness? = nil, deletion: Int64 = .min, _ cells: [String: Cell]) -> RowImage {
        var data = [ColumnData?](repeating: nil, count: base.slotCount)
        for (name, cell) in cells { data[base.column(named: name)!.slot] = .simple(cell) }
        return RowImage(clustering: [int(1)], liveness: liveness, deletion: deletion, cells: data)
    }

    private func generate(_ view: TableSchema, _ base: TableSchema, before: RowImage?, after: RowImage, k: Int32 = 1) throws -> [ViewUpdateGenerator.RowUpdate] {
        var generator = try XCTUnwrap(ViewUpdateGenerator(view: view, base: base, now: now))
        generator.add(before: before, after: after, partitionKey: [int(k)])
        return generator.updates
    }

    func testANewEntryCopiesTheKeyCellLivenessAndEveryCell() throws {
        let (base, byV, _) = try schemas()
        let after = image(base, liveness: RowLiveness(timestamp: 5, ttl: 0, expiresAt: 0), [
            "v": .live(int(10), timestamp: 7, ttl: 30, now: now), "w": .live(Array("a".utf8), timestamp: 5, ttl: 0, now: now),
        ])
        let updates = try generate(byV, base, before: nil, after: after)
        XCTAssertEqual(updates.count, 1)
        XCTAssertEqual(updates.first?.partitionKey, [int(10)])
        XCTAssertEqual(updates.first?.clustering, [int(1), int(1)])
        XCTAssertEqual(updates.first?.liveness, RowLiveness(timestamp: 7, ttl: 30, expiresAt: now + 30), "the key column's cell decides liveness")
        XCTAssertNil(updates.first?.deletion)
        XCTAssertEqual(updates.first?.cells.map(\.slot), [byV.column(named: "w")!.slot])
    }

    func testSwitchingTheKeyEndsTheOldRowWithAnExpiredLivenessAtTheOldCellTimestamp() throws {
        let (base, byV, _) = try schemas()
        let w = Cell.live(Array("a".utf8), timestamp: 5, ttl: 0, now: now)
        let before = image(base, ["v": .live(int(10), timestamp: 7, ttl: 0, now: now), "w": w])
        let after = image(base, ["v": .live(int(20), timestamp: 9, ttl: 0, now: now), "w": w])
        let updates = try generate(byV, base, before: before, after: after)
        XCTAssertEqual(updates.map(\.partitionKey), [[int(20)], [int(10)]])
        XCTAssertEqual(updates[0].liveness, RowLiveness(timestamp: 9, ttl: 0, expiresAt: 0))
        XCTAssertEqual(updates[0].cells.count, 1, "the new row gets every cell")
        XCTAssertEqual(updates[1].liveness, .expired(timestamp: 7, now: now))
        XCTAssertFalse(updates[1].liveness!.isLive(now: now, deletion: .min))
        XCTAssertNil(updates[1].deletion)
        XCTAssertTrue(updates[1].cells.isEmpty, "no cell changed")
    }

    func testARowDeletionIsCopiedAsARowDeletion() throws {
        let (base, byV, _) = try schemas()
        let before = image(base, ["v": .live(int(10), timestamp: 7, ttl: 0, now: now)])
        let updates = try generate(byV, base, before: before, after: image(base, deletion: 8, [:]))
        XCTAssertEqual(updates.count, 1)
        XCTAssertEqual(updates[0].partitionKey, [int(10)])
        XCTAssertEqual(updates[0].deletion, 8)
        XCTAssertNil(updates[0].liveness, "the deletion covers the key cell, so no expired liveness is needed")
    }

    func testUnselectedColumnsKeepAViewOfTheBaseKeyAlive() throws {
        let (base, _, byC) = try schemas()
        let hidden = Cell.live(Array("h".utf8), timestamp: 12, ttl: 50, now: now)
        let after = image(base, ["w": .live(Array("a".utf8), timestamp: 4, ttl: 10, now: now), "hidden": hidden])
        let created = try generate(byC, base, before: nil, after: after)
        XCTAssertEqual(created.first?.liveness, RowLiveness(timestamp: 12, ttl: 50, expiresAt: now + 50),
                       "the longest-lived unselected cell sets the liveness")
        let deleted = image(base, ["w": .tombstone(timestamp: 20), "hidden": .tombstone(timestamp: 20)])
        let ended = try generate(byC, base, before: after, after: deleted)
        XCTAssertEqual(ended.first?.liveness, .expired(timestamp: 12, now: now),
                       "the newest unselected cell of the row before the write dates the end of the view row")
        XCTAssertEqual(ended.first?.cells.map(\.slot), [byC.column(named: "w")!.slot], "the w tombstone is copied")
    }

    func testRowsOutsideTheFilterOrWithoutLiveDataProduceNothing() throws {
        let (base, byV, byC) = try schemas()
        let live = image(base, liveness: RowLiveness(timestamp: 1, ttl: 0, expiresAt: 0), [:])
        XCTAssertEqual(try generate(byC, base, before: nil, after: live, k: 3).count, 0, "k = 3 fails k IN (1, 2)")
        XCTAssertEqual(try generate(byC, base, before: nil, after: live, k: 2).count, 1)
        XCTAssertEqual(try generate(byV, base, before: nil, after: live).count, 0, "no v, no view row")
        XCTAssertEqual(try generate(byC, base, before: nil, after: image(base, ["w": .tombstone(timestamp: 3)])).count, 0)
    }
}
