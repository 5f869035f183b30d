import XCTest
import CQLProtocol
@testable import CQLServer

final class TableParametersTests: XCTestCase {
    func testDefaultsMatchCassandra() {
        let row = TableParameters.row(options: [:])
        XCTAssertEqual(row["bloom_filter_fp_chance"], .double(0.01))
        XCTAssertEqual(row["gc_grace_seconds"], .int(864_000))
        XCTAssertEqual(row["compaction"], .textMap(["class": "org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy",
                                                    "max_threshold": "32", "min_threshold": "4"]))
        XCTAssertNil(row["cdc"])
        XCTAssertNil(row["memtable"])
    }

    func testRetryPolicyText() {
        XCTAssertEqual(TableParameters.retryPolicy("99PERCENTILE"), "99p")
        XCTAssertEqual(TableParameters.retryPolicy("99.5p"), "99.5p")
        XCTAssertEqual(TableParameters.retryPolicy("10ms"), "10ms")
        XCTAssertEqual(TableParameters.retryPolicy("always"), "ALWAYS")
        XCTAssertEqual(TableParameters.retryPolicy(nil), "99p")
    }

    func testCompressionCachingAndFlags() {
        let disabled = TableParameters.row(options: ["compression": "{'enabled': false}"])
        XCTAssertEqual(disabled["compression"], .textMap(["enabled": "false"]))
        let zstd = TableParameters.row(options: ["compression": "{'class': 'ZstdCompressor', 'chunk_length_in_kb': 64}"])
        XCTAssertEqual(zstd["compression"], .textMap(["class": "org.apache.cassandra.io.compress.ZstdCompressor", "chunk_length_in_kb": "64"]))
        let caching = TableParameters.row(options: ["caching": "{ 'rows_per_partition' : '10' }", "comment": "'it''s'",
                                                    "allow_auto_snapshot": "false", "cdc": "true"])
        XCTAssertEqual(caching["caching"], .textMap(["keys": "ALL", "rows_per_partition": "10"]))
        XCTAssertEqual(caching["comment"], .text("it's"))
        XCTAssertEqual(caching["allow_auto_snapshot"], .boolean(false))
        XCTAssertEqual(caching["cdc"], .boolean(true))
        XCTAssertNil(OptionLiteral(parsing: "{'a': }"))
    }
}
