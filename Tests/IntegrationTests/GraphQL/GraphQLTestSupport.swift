import CassandraDriver
import CassandraGraphQL
import CassandraORM
import CQLTesting
import GraphQL
import XCTest

/// The models and the API the GraphQL integration tests run against.
enum GraphQLFixtures {
    /// Products: a one-column key (batched by `IN`), an indexed category.
    static let products = ModelSchema("products", fields: [
        "id": "uuid", "name": "text", "price": "decimal", "stock": "int", "category": "text", "tags": "set<text>",
        "attributes": "map<text, text>", "added_at": "timestamp",
        "sku": .init(type: "text", rule: .init("a SKU is upper case") { $0.stringValue?.uppercased() == $0.stringValue }),
    ], key: ["id"], indexes: ["category"])

    /// Order lines: a partition per order, lines clustered by number.
    static let orderLines = ModelSchema("order_lines", fields: [
        "order_id": "uuid", "line": "int", "product_id": "uuid", "quantity": "int",
    ], key: ["order_id", "line"])

    /// An application field next to the generated ones: the other products of a product's
    /// category, resolved with the ORM and the request's loaders.
    static func recommendations(_ products: Model) -> GraphQLExtension {
        GraphQLExtension(
            sdl: """
                extend type Query {
                  "Other products of the same category."
                  recommendations(productId: UUID!): [Products!]!
                }
                """,
            resolvers: ["Query": ["recommendations": { _, arguments, context, _ in
                let request = context as! RequestContext
                guard case .string(let text) = arguments["productId"], let id = UUID(uuidString: text),
                      let product = try await request.load("products", key: [.uuid(id)]),
                      let category = product["category"] as? Map, case .string(let name) = category else { return [] as [Map] }
                let others = try await products.find(["category": .string(name)])
                var result: [[String: any Sendable]] = []
                for record in others where record["id"] != .uuid(id) {
                    if let object = try await request.load("products", key: [record["id"]]) { result.append(object) }
                }
                return result
            }]])
    }

    /// Runs `body` with the API over fresh tables, and the observer of every request the
    /// client sends.
    static func withAPI<T: Sendable>(_ body: (CassandraGraphQL, RecordingObserver, CassandraClient) async throws -> T) async throws -> T {
        try await withTestSession { _, keyspace in
            let target = try await TestServer.shared.target()
            let observer = RecordingObserver()
            let client = try await CassandraORM.createClient(
                clientOptions: .init(contactPoints: target.contactPoints, keyspace: keyspace, consistency: .one, serialConsistency: .serial,
                                     configure: { $0.requestObservers.append(observer) }),
                ormOptions: .init(migration: .safe))
            try await client.connect()
            let result: Result<T, any Error>
            do {
                let products = try await client.loadSchema(Self.products)
                let lines = try await client.loadSchema(Self.orderLines)
                let api = try CassandraGraphQL(
                    models: [GraphQLModel(products, schema: Self.products), GraphQLModel(lines, schema: Self.orderLines)],
                    extensions: [recommendations(products)],
                    // Wide enough that a loaded test machine cannot split one request's lookups.
                    batchWindow: .milliseconds(50))
                result = .success(try await body(api, observer, client))
            } catch {
                result = .failure(error)
            }
            try? await client.close()
            return try result.get()
        }
    }
}

extension CassandraGraphQL {
    /// Executes `query` and fails the test on any error.
    func run(_ query: String, _ variables: [String: Map] = [:], file: StaticString = #filePath, line: UInt = #line) async -> Map {
        let result = await execute(query: query, variables: variables)
        XCTAssertEqual(result.errors, [], "\(result.errors)", file: file, line: line)
        return result.data ?? .null
    }
}

extension RecordingObserver {
    /// The successful reads of `table` recorded so far.
    func selects(from table: String) -> [RequestAttempt] {
        attempts.filter { $0.statement.hasPrefix("SELECT") && $0.statement.contains("\"\(table)\"") && $0.outcome.isSuccess }
    }
}

/// The elements of a GraphQL list value; none for anything else.
func elements(_ value: Map) -> [Map] {
    if case .array(let elements) = value { return elements }
    return []
}
