import XCTest
@testable import CQLServer

final class ParserTests: XCTestCase {
    func testTrailingSemicolonsAndWhitespace() throws {
        XCTAssertEqual(try Parser.parse("  USE ks ;; \n"), .use(.init(keyspace: "ks")))
        XCTAssertEqual(try Parser.parse("/* c */ USE ks -- done"), .use(.init(keyspace: "ks")))
    }

    func testExactlyOneStatement() {
        ParserTestSupport.assertError("USE a; USE b", "line 1:7 mismatched input 'USE' expecting EOF")
        ParserTestSupport.assertError("", "line 1:0 no viable alternative at input '<EOF>'")
        ParserTestSupport.assertError(";", "line 1:0 no viable alternative at input ';'")
        ParserTestSupport.assertError("SELEC * FROM t", "line 1:0 no viable alternative at input 'SELEC'")
        ParserTestSupport.assertError("GRANT ALL ON ks TO r", "line 1:0 no viable alternative at input 'GRANT'")
    }

    func testErrorPositionsOnLaterLines() {
        ParserTestSupport.assertError("SELECT *\nFROM t\nWHERE k = = 1", "line 3:10 no viable alternative at input '='")
        XCTAssertThrowsError(try Parser.parse("SELECT *\n  FRM t")) { error in
            let parseError = error as? ParseError
            XCTAssertEqual(parseError?.line, 2)
            XCTAssertEqual(parseError?.column, 2)
            XCTAssertEqual(parseError?.description, "line 2:2 mismatched input 'FRM' expecting K_FROM")
        }
    }

    /// Statements drivers and the Cassandra documentation send all parse.
    func testCommonStatementsParse() {
        let statements = [
            "SELECT cluster_name, release_version FROM system.local WHERE key='local'",
            "SELECT peer, data_center, rack, tokens FROM system.peers",
            "SELECT * FROM system_schema.keyspaces",
            "SELECT keyspace_name, table_name FROM system_schema.tables WHERE keyspace_name = ?",
            "SELECT COUNT(*) AS cnt FROM t WHERE k = 'a' AND c IN ('x', 'y') ORDER BY c",
            "SELECT * FROM t WHERE v CONTAINS 'x' ALLOW FILTERING",
            "SELECT k, similarity_cosine(v, [0.1, 0.2, 0.3]) FROM t ORDER BY v ANN OF [0.1, 0.2, 0.3] LIMIT 5",
            "SELECT JSON FROM t",
            "SELECT token(k), k FROM t WHERE token(k) > -9223372036854775808 LIMIT 100",
            "UPDATE t SET l = l + [1], m = m + {'a': 1}, s = s - {2} WHERE k = 1",
            "UPDATE counters SET hits = hits + 1 WHERE page = 'home'",
            "DELETE m['a'] FROM t WHERE k = 1",
            "INSERT INTO t (k, v) VALUES (1, (int) ?)",
            "INSERT INTO t (k, ts, d) VALUES (uuid(), toTimestamp(now()), 2h)",
            "CREATE TABLE t (k int, v vector<float, 3>, PRIMARY KEY (k))",
            "CREATE TABLE IF NOT EXISTS ks.events (id timeuuid, day date, at time, PRIMARY KEY (day, id)) WITH default_time_to_live = 3600",
            "CREATE CUSTOM INDEX ON t (v) USING 'StorageAttachedIndex'",
            "ALTER TABLE t WITH compaction = {'class': 'SizeTieredCompactionStrategy', 'min_threshold': 4}",
        ]
        for text in statements {
            XCTAssertNoThrow(try Parser.parse(text), text)
        }
    }

    func testBindMarkerCountIsZeroWithoutMarkers() throws {
        XCTAssertEqual(try Parser.parseWithBindMarkers("SELECT * FROM t WHERE k = 1").bindMarkerCount, 0)
    }

    func testBacktrackingDoesNotLeakBindMarkers() throws {
        // `(?)` is first tried as a type hint, then as a tuple; the marker must be counted once.
        let parsed = try Parser.parseWithBindMarkers("INSERT INTO t (k, v) VALUES ((?), ?)")
        XCTAssertEqual(parsed.bindMarkers, [BindMarker(index: 0), BindMarker(index: 1)])
        XCTAssertEqual(parsed.statement.asInsert?.values, [.tuple([.marker(0)]), .marker(1)])
    }

    func testDeepNestingIsRejectedWithoutCrashing() {
        let depth = 10_000
        let cases = [
            "INSERT INTO t (k) VALUES (" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + ")",
            "SELECT " + String(repeating: "f(", count: depth) + "a" + String(repeating: ")", count: depth) + " FROM t",
            "CREATE TABLE t (k " + String(repeating: "list<", count: depth) + "int" + String(repeating: ">", count: depth) + " PRIMARY KEY)",
            "SELECT * FROM t WHERE " + String(repeating: "(", count: depth) + "a = 1" + String(repeating: ")", count: depth),
            "INSERT INTO t (k) VALUES (" + String(repeating: "(int) ", count: depth) + "1)",
        ]
        for text in cases {
            XCTAssertThrowsError(try Parser.parse(text)) { error in
                XCTAssertTrue((error as? ParseError)?.message.contains("nesting deeper than") == true, "\(error)")
            }
        }
        XCTAssertNoThrow(try Parser.parse("INSERT INTO t (k) VALUES (" + String(repeating: "[", count: 20) + String(repeating: "]", count: 20) + ")"))
    }

    /// Inputs that make the parser try both alternatives at every level must stay linear.
    func testBacktrackingStaysLinear() {
        let hints = String(repeating: "(a) ", count: 60)
        XCTAssertThrowsError(try Parser.parse("INSERT INTO t (k) VALUES (\(hints) x)"))
        XCTAssertNoThrow(try Parser.parse("SELECT \(hints)b FROM t"))
        XCTAssertThrowsError(try Parser.parse("SELECT \(hints), FROM t"))
        XCTAssertThrowsError(try Parser.parse("SELECT * FROM t WHERE " + String(repeating: "((a, b) ", count: 60)))
        XCTAssertThrowsError(try Parser.parse("SELECT DISTINCT " + String(repeating: "(int) ", count: 60) + ", FROM t"))
    }

    /// Every proper prefix of a valid statement either parses (some prefixes are complete
    /// statements) or throws a ParseError; random garbage always throws. Nothing traps or hangs.
    func testFuzzTruncationsAndGarbage() {
        let corpus = [
            "SELECT DISTINCT a, writetime(b) AS w, (int) ?, CAST(c AS text) FROM ks.t WHERE (x, y) > (1, 2) AND token(k) > ? AND m['a'] = 1 GROUP BY a ORDER BY x DESC PER PARTITION LIMIT 1 LIMIT :l ALLOW FILTERING;",
            "INSERT INTO ks.t (a, b, c, d) VALUES (0xCAFE, {'k': [1.5e3, -2]}, {f: 1h30m}, 123e4567-e89b-12d3-a456-426614174000) IF NOT EXISTS USING TTL ? AND TIMESTAMP 1",
            "UPDATE t USING TTL 1 SET a = a + ?, b = [1] + b, m[?] = 'v', u.f = $$x$$ WHERE k IN (1, 2) IF v != null AND m['k'] IN (1)",
            "DELETE a, m['k'], u.f FROM t USING TIMESTAMP ? WHERE k = 1 AND c >= 2 IF EXISTS",
            "BEGIN UNLOGGED BATCH USING TIMESTAMP 1 INSERT INTO t (k) VALUES (1); DELETE FROM t WHERE k = 2; APPLY BATCH",
            "CREATE TABLE IF NOT EXISTS ks.t (k int, c text, v frozen<map<text, list<int>>> STATIC, PRIMARY KEY ((k), c)) WITH CLUSTERING ORDER BY (c DESC) AND comment = 'x'",
            "ALTER TABLE t ADD (a int, b set<text>)",
            "CREATE CUSTOM INDEX IF NOT EXISTS i ON ks.t (entries(m)) USING 'sai' WITH OPTIONS = {'a': 'b'}",
            "CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1} AND durable_writes = true",
            "CREATE TYPE ks.addr (street text, zip int)",
        ]
        var generator = SplitMix64(seed: 0x5EED)
        let alphabet = Array("abcXYZ019 _-+*/%=<>!?:;.,()[]{}'\"$\n\tµ@#".unicodeScalars)
        let words = ["SELECT", "FROM", "WHERE", "AND", "(", ")", "?", "'s'", "1", "IF", "token", "[", "]", "{", "}", ":", ",", "INSERT", "INTO", "VALUES", "SET", "=", "-", "frozen<", ">", "0x", "--", "/*", "$$"]
        for index in 0..<2_000 {
            let text: String
            switch index % 3 {
            case 0:
                let statement = Array(corpus[Int(generator.next() % UInt64(corpus.count))].unicodeScalars)
                let length = Int(generator.next() % UInt64(statement.count))
                text = String(String.UnicodeScalarView(statement[0..<length]))
            case 1:
                let length = Int(generator.next() % 60)
                text = String(String.UnicodeScalarView((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }))
            default:
                let count = Int(generator.next() % 25)
                text = (0..<count).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ")
            }
            do {
                _ = try Parser.parseWithBindMarkers(text)
            } catch {
                XCTAssertFalse(error.message.isEmpty, text)
                XCTAssertGreaterThanOrEqual(error.line, 1, text)
            }
        }
        for text in corpus {
            XCTAssertNoThrow(try Parser.parse(text), text)
        }
    }
}

/// A small deterministic generator so the fuzz cases are the same on every run.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
