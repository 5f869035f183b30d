import CassandraGraphQL
import CassandraORM

/// Model schemas shared by the unit tests.
enum Fixtures {
    /// A table with a one-column key and a spread of column types.
    static let products = ModelSchema("products", fields: [
        "id": "uuid", "name": "text", "price": "decimal", "stock": "int", "tags": "set<text>",
        "attributes": "map<text, text>", "__v": "timeuuid",
    ], key: ["id"], options: .init(versions: .init()))

    /// A table with a composite partition key and a clustering column.
    static let events = ModelSchema("tenant_events", fields: [
        "tenant": "text", "day": "date", "seq": "bigint", "at": "timestamp", "payload": "frozen<map<text, int>>",
        "score": "double", "data": "blob",
    ], key: [["tenant", "day"], "seq"], clusteringOrder: ["seq": .desc])
}
