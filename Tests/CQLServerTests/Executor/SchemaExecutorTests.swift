import CQLProtocol
import XCTest
@testable import CQLServer

/// DDL (`SchemaExecutor`): CREATE/ALTER/DROP of keyspaces, tables, types and indexes, the
/// SCHEMA_CHANGE results and errors Cassandra gives, and `system_schema` reflecting each change.
final class SchemaExecutorTests: XCTestCase {
    private func harness() throws -> QueryHarness {
        try QueryHarness.withKeyspace("CREATE TABLE t (k int, c int, v int, PRIMARY KEY (k, c))")
    }

    private func columns(_ cql: QueryHarness, table: String = "t") throws -> [[CQLValue?]] {
        try cql.rows("SELECT column_name, kind, type FROM system_schema.columns WHERE keyspace_name = 'ks' AND table_name = '\(table)'").rows
    }

    func testCreateReportsSchemaChangesAndAlreadyExists() throws {
        let cql = try harness()
        XCTAssertEqual(try cql.run("CREATE TABLE u (k int PRIMARY KEY)"),
                       .schemaChange(.init(changeType: .created, target: .table(keyspace: "ks", name: "u"))))
        XCTAssertEqual(cql.error("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")?.details,
                       .alreadyExists(keyspace: "ks", table: ""))
        cql.assertError("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}", .alreadyExists,
                        "Cannot add existing keyspace \"ks\"")
        XCTAssertEqual(cql.error("CREATE TABLE t (k int PRIMARY KEY)")?.details, .alreadyExists(keyspace: "ks", table: "t"))
        cql.assertError("CREATE TABLE t (k int PRIMARY KEY)", .alreadyExists, "Cannot add already existing table \"t\" to keyspace \"ks\"")
        XCTAssertEqual(try cql.run("CREATE TABLE IF NOT EXISTS t (k int PRIMARY KEY)"), .void)
        try cql.run("CREATE TYPE addr (street text)")
        cql.assertError("CREATE TYPE addr (street text)", .invalid, "A user type with name 'addr' already exists")
        try cql.run("CREATE INDEX v_idx ON t (v)")
        cql.assertError("CREATE INDEX v_idx ON t (c)", .invalid, "Index 'v_idx' already exists")
    }

    func testFreeTextCommentsReadBackWhole() throws {
        let cql = try harness()
        try cql.run("CREATE TABLE u (k int PRIMARY KEY) WITH comment = 'it''s {two}: words' AND gc_grace_seconds = 7")
        XCTAssertEqual(try cql.rows("SELECT comment, gc_grace_seconds FROM system_schema.tables WHERE keyspace_name = 'ks' AND table_name = 'u'").rows,
                       [[.text("it's {two}: words"), .int(7)]])
        try cql.run("ALTER TABLE u WITH comment = ''")
        XCTAssertEqual(try cql.rows("SELECT comment FROM system_schema.tables WHERE keyspace_name = 'ks' AND table_name = 'u'").rows, [[.text("")]])
    }

    func testSystemSchemaListsKeyspacesTablesAndColumns() throws {
        let cql = try harness()
        XCTAssertEqual(try cql.rows("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = 'ks'").rows, [[.text("ks")]])
        XCTAssertEqual(try cql.rows("SELECT table_name FROM system_schema.tables WHERE keyspace_name = 'ks'").rows, [[.text("t")]])
        XCTAssertEqual(Set(try columns(cql)), [
            [.text("k"), .text("partition_key"), .text("int")],
            [.text("c"), .text("clustering"), .text("int")],
            [.text("v"), .text("regular"), .text("int")],
        ])
    }

    func testAlterTableAddDropAndRename() throws {
        let cql = try harness()
        try cql.run("INSERT INTO t (k, c, v) VALUES (1, 1, 1)")
        XCTAssertEqual(try cql.run("ALTER TABLE t ADD (w text, l list<int>)"),
                       .schemaChange(.init(changeType: .updated, target: .table(keyspace: "ks", name: "t"))))
        XCTAssertEqual(try cql.rows("SELECT v, w, l FROM t").rows, [[.int(1), nil, nil]])
        try cql.run("UPDATE t SET w = 'x', l = [1] WHERE k = 1 AND c = 1")
        try cql.run("ALTER TABLE t DROP v")
        cql.assertError("SELECT v FROM t", .invalid, "Undefined column name v")
        try cql.run("ALTER TABLE t ADD v int")
        XCTAssertEqual(try cql.rows("SELECT v, w, l FROM t").rows, [[nil, .text("x"), .list([.int(1)])]], "a re-added column does not resurrect old data")
        try cql.run("ALTER TABLE t RENAME c TO cc")
        XCTAssertEqual(try cql.rows("SELECT cc FROM t WHERE k = 1").rows, [[.int(1)]])
        XCTAssertTrue(try columns(cql).contains([.text("cc"), .text("clustering"), .text("int")]))
        cql.assertError("ALTER TABLE t RENAME w TO w2", .invalid, "Cannot rename non PRIMARY KEY column w")
        cql.assertError("ALTER TABLE t DROP k", .invalid, "Cannot drop PRIMARY KEY column k")
        cql.assertError("ALTER TABLE t ADD w int", .invalid, "Column with name 'w' already exists")
    }

    func testTypesCreateAlterUseAndDrop() throws {
        let cql = try harness()
        try cql.run("CREATE TYPE addr (street text, zip int)")
        try cql.run("CREATE TABLE people (k int PRIMARY KEY, home frozen<addr>)")
        try cql.run("INSERT INTO people (k, home) VALUES (1, {street: 'Main', zip: 1})")
        XCTAssertEqual(try cql.run("ALTER TYPE addr ADD city text"),
                       .schemaChange(.init(changeType: .updated, target: .type(keyspace: "ks", name: "addr"))))
        try cql.run("ALTER TYPE addr RENAME zip TO postcode")
        let home = try cql.rows("SELECT home FROM people").rows
        XCTAssertEqual(home, [[.udt([.init(name: "street", value: .text("Main")), .init(name: "postcode", value: .int(1)), .init(name: "city", value: nil)])]])
        XCTAssertEqual(try cql.rows("SELECT field_names, field_types FROM system_schema.types WHERE keyspace_name = 'ks'").rows,
                       [[.list([.text("street"), .text("postcode"), .text("city")]), .list([.text("text"), .text("int"), .text("text")])]])
        cql.assertError("DROP TYPE addr", .invalid, "Cannot drop user type 'ks.addr' as it is still used by table people")
        try cql.run("DROP TABLE people")
        XCTAssertEqual(try cql.run("DROP TYPE addr"), .schemaChange(.init(changeType: .dropped, target: .type(keyspace: "ks", name: "addr"))))
    }

    func testIndexesAppearInSystemSchemaWithTheirOptions() throws {
        let cql = try QueryHarness.withKeyspace("CREATE TABLE e (k int PRIMARY KEY, tags set<text>, vec vector<float, 3>)")
        try cql.run("CREATE INDEX ON e (tags)")
        try cql.run("CREATE CUSTOM INDEX ann ON e (vec) USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': 'dot_product'}")
        let rows = try cql.rows("SELECT index_name, kind, options FROM system_schema.indexes WHERE keyspace_name = 'ks' AND table_name = 'e'").rows
        XCTAssertEqual(rows.count, 2)
        let ann = try XCTUnwrap(rows.first { $0[0] == .text("ann") })
        XCTAssertEqual(ann[1], .text("CUSTOM"))
        guard case .map(let options)? = ann[2] else { return XCTFail("options: \(ann)") }
        let byKey = Dictionary(uniqueKeysWithValues: options.map { ($0.key, $0.value) })
        XCTAssertEqual(byKey[.text("class_name")], .text("org.apache.cassandra.index.sai.StorageAttachedIndex"))
        XCTAssertEqual(byKey[.text("similarity_function")], .text("dot_product"))
        XCTAssertEqual(byKey[.text("target")], .text("vec"))
        let tags = try XCTUnwrap(rows.first { $0[0] == .text("e_tags_idx") })
        XCTAssertEqual(tags[1], .text("COMPOSITES"))
        try cql.run("DROP INDEX e_tags_idx")
        XCTAssertEqual(try cql.rows("SELECT index_name FROM system_schema.indexes WHERE keyspace_name = 'ks'").rows, [[.text("ann")]])
        cql.assertError("DROP INDEX e_tags_idx", .invalid, "Index 'ks.e_tags_idx' doesn't exist")
        XCTAssertEqual(try cql.run("DROP INDEX IF EXISTS e_tags_idx"), .void)
    }

    func testDropTableAndKeyspaceRemoveDataAndSchema() throws {
        let cql = try harness()
        try cql.run("INSERT INTO t (k, c, v) VALUES (1, 1, 1)")
        try cql.run("DROP TABLE t")
        try cql.run("CREATE TABLE t (k int, c int, v int, PRIMARY KEY (k, c))")
        XCTAssertEqual(try cql.rows("SELECT * FROM t").rows, [], "a recreated table starts empty")
        XCTAssertEqual(try cql.run("DROP KEYSPACE ks"), .schemaChange(.init(changeType: .dropped, target: .keyspace("ks"))))
        XCTAssertEqual(try cql.rows("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = 'ks'").rows, [])
        XCTAssertEqual(try cql.rows("SELECT table_name FROM system_schema.tables WHERE keyspace_name = 'ks'").rows, [])
        cql.assertError("DROP KEYSPACE ks", .invalid, "Keyspace 'ks' doesn't exist")
        cql.assertError("ALTER KEYSPACE ks WITH durable_writes = false", .invalid, "Keyspace 'ks' doesn't exist")
        XCTAssertEqual(try cql.run("DROP KEYSPACE IF EXISTS ks"), .void)
    }

    func testTableOptionsRoundTripThroughSystemSchema() throws {
        let cql = try harness()
        try cql.run("ALTER TABLE t WITH comment = 'hello' AND gc_grace_seconds = 3600")
        let row = try cql.rows("SELECT comment, gc_grace_seconds FROM system_schema.tables WHERE keyspace_name = 'ks' AND table_name = 't'")
        XCTAssertEqual(row.rows, [[.text("hello"), .int(3600)]])
    }

    func testInvalidDefinitions() throws {
        let cql = try harness()
        cql.assertError("CREATE TABLE bad (k int, v int)", .invalid, "No PRIMARY KEY specifed for table 'bad' (exactly one required)")
        cql.assertError("CREATE TABLE bad (k int PRIMARY KEY, s int STATIC)", .invalid,
                        "Static columns are not allowed in tables with no clustering columns")
        cql.assertError("CREATE TABLE bad (k counter PRIMARY KEY, v counter)", .invalid, "counter type is not supported for PRIMARY KEY column 'k'")
        cql.assertError("CREATE TABLE bad (k int PRIMARY KEY, a frozen<nope>)", .invalid, "Unknown type ks.nope")
    }
}
