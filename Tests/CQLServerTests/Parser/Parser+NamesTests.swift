import CQLProtocol
import XCTest
@testable import CQLServer

final class ParserNamesTests: XCTestCase {
    func testUnquotedNamesAreLowercasedAndQuotedNamesKeepCase() throws {
        let insert = try ParserTestSupport.parse("INSERT INTO MyKs.MyTable (Id, \"Name\", \"with \"\"quote\"\"\") VALUES (1, 2, 3)", as: \.asInsert)
        XCTAssertEqual(insert.table, QualifiedName(keyspace: "myks", name: "mytable"))
        XCTAssertEqual(insert.columns, ["id", "Name", "with \"quote\""])
        XCTAssertEqual(Identifier(unquoted: "MiXeD"), Identifier("mixed"))
        XCTAssertEqual(insert.table.description, "myks.mytable")
        XCTAssertEqual(QualifiedName(keyspace: "Ks", name: "t").description, "\"Ks\".t")
    }

    func testUnreservedKeywordsAreIdentifiers() throws {
        let words = ["key", "ttl", "writetime", "count", "json", "distinct", "values", "type", "list", "map", "frozen", "static", "timestamp", "text", "date", "filtering", "custom", "contains", "like", "as", "options", "keys", "group", "partition", "per", "vector", "ann", "between", "clustering", "compact", "storage", "exists"]
        for word in words {
            let insert = try ParserTestSupport.parse("INSERT INTO \(word) (\(word)) VALUES (1)", as: \.asInsert)
            XCTAssertEqual(insert.columns, [Identifier(word)], word)
            XCTAssertEqual(insert.table.name, Identifier(word), word)
        }
    }

    func testReservedKeywordsAreNotIdentifiers() {
        for word in CQLKeywords.reserved.sorted() {
            ParserTestSupport.assertFails("INSERT INTO t (\(word)) VALUES (1)")
            XCTAssertNoThrow(try Parser.parse("INSERT INTO t (\"\(word)\") VALUES (1)"), word)
        }
        ParserTestSupport.assertError("SELECT * FROM t WHERE true = 1", "line 1:22 no viable alternative at input 'true'")
    }

    func testFunctionNames() throws {
        let select = try ParserTestSupport.parse("SELECT ToUpper(a), \"MyFn\"(a), ks.F(a), text(a) FROM t", as: \.asSelect)
        XCTAssertEqual(select.selectors.map(\.selector), [
            .function(QualifiedName(name: "toupper"), [.column("a")]),
            .function(QualifiedName(name: "MyFn"), [.column("a")]),
            .function(QualifiedName(keyspace: "ks", name: "f"), [.column("a")]),
            .function(QualifiedName(name: "text"), [.column("a")]),
        ])
    }
}
