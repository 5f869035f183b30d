@testable import CassandraORM

/// Schemas shared by the unit tests.
enum Fixtures {
    static func customers() throws -> ResolvedSchema {
        try ResolvedSchema(ModelSchema("customers", fields: [
            "id": "uuid", "email": .init(type: "text", unique: true), "name": "text", "rating": "double",
            "tags": "set<text>", "address": "map<text, text>", "history": "list<int>",
        ], key: ["id"], indexes: ["name", .keys("address")]))
    }

    static func events() throws -> ResolvedSchema {
        try ResolvedSchema(ModelSchema("events", fields: [
            "tenant": "text", "day": "int", "at": "timestamp", "seq": "int", "body": "text", "owner": .init(type: "text", isStatic: true),
        ], key: [["tenant", "day"], "at", "seq"], clusteringOrder: ["at": .desc], indexes: [.sai("body")]))
    }

    static func builder(_ schema: ResolvedSchema) -> QueryBuilder { QueryBuilder(schema: schema, keyspace: "shop") }
}
