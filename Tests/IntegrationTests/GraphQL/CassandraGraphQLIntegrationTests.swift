import CassandraDriver
import CassandraGraphQL
import CassandraORM
import CQLTesting
import GraphQL
import XCTest

/// ``CassandraGraphQL`` end to end against a real server: the schema that runs, mutations,
/// filters, ordering, paging, errors, batching and application fields.
final class CassandraGraphQLIntegrationTests: XCTestCase {
    private typealias Fixtures = GraphQLFixtures

    private let productFields = "id name price stock category tags attributes added_at"

    func testTheExecutableSchemaPrintsAsTheGeneratedSDL() async throws {
        try await Fixtures.withAPI { _, _, client in
            let products = try await client.loadSchema(Fixtures.products)
            let lines = try await client.loadSchema(Fixtures.orderLines)
            let api = try CassandraGraphQL(models: [GraphQLModel(products, schema: Fixtures.products),
                                                    GraphQLModel(lines, schema: Fixtures.orderLines)])
            XCTAssertEqual(printSchema(schema: api.schema), api.sdl)
        }
    }

    func testCreateReadUpdateDeleteRoundTripEveryMappedType() async throws {
        try await Fixtures.withAPI { api, _, _ in
            let id = UUID().uuidString.lowercased()
            let created = await api.run("""
                mutation($input: ProductsCreateInput!) {
                  createProducts(input: $input) { applied record { \(productFields) } }
                }
                """, ["input": ["id": .string(id), "name": "Lamp", "price": "19.90", "stock": 3, "category": "home",
                                "tags": ["desk", "led"], "attributes": ["color": "black"], "added_at": "2024-02-29T10:20:30.456Z"]])
            XCTAssertEqual(created["createProducts", "applied"], true)
            let record = created["createProducts", "record"]
            XCTAssertEqual(record["id"], .string(id))
            XCTAssertEqual(record["name"], "Lamp")
            XCTAssertEqual(record["price"], "19.90")
            XCTAssertEqual(record["stock"], 3)
            XCTAssertEqual(record["tags"], ["desk", "led"])
            XCTAssertEqual(record["attributes"], ["color": "black"])
            XCTAssertEqual(record["added_at"], "2024-02-29T10:20:30.456Z")

            let updated = await api.run("""
                mutation { updateProducts(id: "\(id)", set: { stock: 7, category: null }) { applied record { stock category name } } }
                """)
            XCTAssertEqual(updated["updateProducts", "record"], ["stock": 7, "category": .null, "name": "Lamp"])

            let conditional = await api.run("""
                mutation { createProducts(input: { id: "\(id)", name: "Other" }, ifNotExists: true) { applied record { name } } }
                """)
            XCTAssertEqual(conditional["createProducts", "applied"], false)
            XCTAssertEqual(conditional["createProducts", "record", "name"], "Lamp")

            let deleted = await api.run("mutation { deleteProducts(id: \"\(id)\") { applied record { id } } }")
            XCTAssertEqual(deleted["deleteProducts"], ["applied": true, "record": .null])
            let read = await api.run("{ products(id: \"\(id)\") { id } }")
            XCTAssertEqual(read["products"], .null)
        }
    }

    func testListsFilterOrderLimitAndPageThroughAPartition() async throws {
        try await Fixtures.withAPI { api, _, _ in
            let order = UUID().uuidString.lowercased()
            let other = UUID().uuidString.lowercased()
            for line in 1...5 {
                _ = await api.run("""
                    mutation { createOrderLines(input: { order_id: "\(order)", line: \(line), quantity: \(line * 10) }) { applied } }
                    """)
            }
            _ = await api.run("mutation { createOrderLines(input: { order_id: \"\(other)\", line: 1, quantity: 1 }) { applied } }")

            let newest = await api.run("""
                { orderLinesList(where: { order_id: { eq: "\(order)" }, line: { gt: 2 } },
                                 orderBy: [{ field: line, direction: DESC }], limit: 2) { items { line quantity } cursor } }
                """)
            XCTAssertEqual(newest["orderLinesList", "items"], [["line": 5, "quantity": 50], ["line": 4, "quantity": 40]])
            XCTAssertEqual(newest["orderLinesList", "cursor"], .null)

            let both = await api.run("""
                { orderLinesList(where: { order_id: { in: ["\(order)", "\(other)"] }, line: { eq: 1 } }) { items { order_id } } }
                """)
            XCTAssertEqual(Set(elements(both["orderLinesList", "items"]).map { $0["order_id"] }), [.string(order), .string(other)])

            var lines: [Map] = []
            var cursor: Map = .null
            var pages = 0
            repeat {
                let page = await api.run("""
                    query($cursor: String) {
                      orderLinesList(where: { order_id: { eq: "\(order)" } }, pageSize: 2, cursor: $cursor) { items { line } cursor }
                    }
                    """, ["cursor": cursor])
                lines += elements(page["orderLinesList", "items"]).map { $0["line"] }
                cursor = page["orderLinesList", "cursor"]
                pages += 1
            } while cursor != .null && pages < 10
            XCTAssertEqual(lines, [1, 2, 3, 4, 5])
            XCTAssertGreaterThanOrEqual(pages, 3)

            let refused = await api.execute(query: "{ orderLinesList(where: { quantity: { gte: 30 } }) { items { line } } }")
            XCTAssertEqual(refused.errors.first?.extensions["code"], "filteringRequired")
            XCTAssertEqual(refused.errors.first?.path.elements.compactMap(\.keyValue), ["orderLinesList"])
            let filtered = await api.run("""
                { orderLinesList(where: { quantity: { gte: 30 } }, allowFiltering: true) { items { line } } }
                """)
            XCTAssertEqual(Set(elements(filtered["orderLinesList", "items"])), [["line": 3], ["line": 4], ["line": 5]])
        }
    }

    func testInvalidDocumentsAndValuesAreValidationErrorsAndORMErrorsCarryTheirCode() async throws {
        try await Fixtures.withAPI { api, observer, _ in
            observer.reset()
            let unknown = await api.execute(query: "{ products(id: \"\(UUID())\") { nope } }")
            XCTAssertNil(unknown.data)
            XCTAssertEqual(unknown.errors.first?.extensions["code"], "GRAPHQL_VALIDATION_FAILED")

            let malformed = await api.execute(query: "query($id: UUID!) { products(id: $id) { id } }", variables: ["id": "not-a-uuid"])
            XCTAssertNil(malformed.data)
            XCTAssertEqual(malformed.errors.first?.extensions["code"], "GRAPHQL_VALIDATION_FAILED")

            let literal = await api.execute(query: "{ products(id: \"42\") { id } }")
            XCTAssertEqual(literal.errors.first?.extensions["code"], "GRAPHQL_VALIDATION_FAILED")
            XCTAssertTrue(observer.selects(from: "products").isEmpty, "an invalid request reached the server")

            let badLimit = await api.execute(query: "{ productsList(limit: 0) { items { id } } }")
            XCTAssertEqual(badLimit.errors.first?.extensions["code"], "invalidQuery")
            XCTAssertEqual(badLimit.errors.first?.extensions["table"], "products")

            let badCursor = await api.execute(query: "{ productsList(cursor: \"***\") { items { id } } }")
            XCTAssertEqual(badCursor.errors.first?.extensions["code"], "invalidCursor")

            let encoded = try GraphQLJSONEncoder().encode(badCursor)
            let json = try XCTUnwrap(String(data: encoded, encoding: .utf8))
            XCTAssertTrue(json.contains("\"code\":\"invalidCursor\""), json)
        }
    }

    func testKeyLookupsOfOneRequestAreBatchedIntoOneInQueryAndCached() async throws {
        try await Fixtures.withAPI { api, observer, _ in
            let ids = (0..<5).map { _ in UUID().uuidString.lowercased() }
            for (index, id) in ids.enumerated() {
                _ = await api.run("mutation { createProducts(input: { id: \"\(id)\", name: \"p\(index)\" }) { applied } }")
            }
            let query = "{ " + ids.enumerated().map { "p\($0.offset): products(id: \"\($0.element)\") { name }" }.joined(separator: " ")
                + " again: products(id: \"\(ids[0])\") { name } }"
            _ = await api.run(query)
            observer.reset()
            let data = await api.run(query)
            for index in 0..<5 { XCTAssertEqual(data["p\(index)", "name"], .string("p\(index)")) }
            XCTAssertEqual(data["again", "name"], "p0")
            let selects = observer.selects(from: "products")
            XCTAssertEqual(selects.count, 1, selects.map(\.statement).description)
            XCTAssertTrue(selects.first?.statement.contains(" IN ") ?? false, selects.first?.statement ?? "")
        }
    }

    func testCompositeKeyLookupsRunOncePerDistinctKey() async throws {
        try await Fixtures.withAPI { api, observer, _ in
            let order = UUID().uuidString.lowercased()
            for line in 1...3 {
                _ = await api.run("mutation { createOrderLines(input: { order_id: \"\(order)\", line: \(line), quantity: 1 }) { applied } }")
            }
            let query = "{ a: orderLines(order_id: \"\(order)\", line: 1) { line } b: orderLines(order_id: \"\(order)\", line: 2) { line } "
                + "c: orderLines(order_id: \"\(order)\", line: 1) { line } d: orderLines(order_id: \"\(order)\", line: 9) { line } }"
            _ = await api.run(query)
            observer.reset()
            let data = await api.run(query)
            XCTAssertEqual(data, ["a": ["line": 1], "b": ["line": 2], "c": ["line": 1], "d": .null])
            XCTAssertEqual(observer.selects(from: "order_lines").count, 3)
        }
    }

    func testApplicationFieldsResolveNextToTheGeneratedOnesAndShareTheLoaders() async throws {
        try await Fixtures.withAPI { api, observer, _ in
            let lamp = UUID().uuidString.lowercased()
            let chair = UUID().uuidString.lowercased()
            let pen = UUID().uuidString.lowercased()
            for (id, name, category) in [(lamp, "Lamp", "home"), (chair, "Chair", "home"), (pen, "Pen", "office")] {
                _ = await api.run("mutation { createProducts(input: { id: \"\(id)\", name: \"\(name)\", category: \"\(category)\" }) { applied } }")
            }
            let query = "{ products(id: \"\(lamp)\") { name } recommendations(productId: \"\(lamp)\") { name category } }"
            _ = await api.run(query)
            observer.reset()
            let data = await api.run(query)
            XCTAssertEqual(data["products", "name"], "Lamp")
            XCTAssertEqual(data["recommendations"], [["name": "Chair", "category": "home"]])
            // The lamp once (both fields load it, one read), the category query, the chair.
            XCTAssertEqual(observer.selects(from: "products").count, 3, observer.attempts.map(\.statement).description)
        }
    }

    func testCollectionFiltersAndMutationFailuresCarryTheORMCodes() async throws {
        try await Fixtures.withAPI { api, _, _ in
            let lamp = UUID().uuidString.lowercased()
            let pen = UUID().uuidString.lowercased()
            _ = await api.run("""
                mutation { createProducts(input: { id: "\(lamp)", name: "Lamp", tags: ["led"], attributes: { color: "black" }, sku: "L-1" }) {
                  applied } }
                """)
            _ = await api.run("mutation { createProducts(input: { id: \"\(pen)\", name: \"Pen\", tags: [\"ink\"] }) { applied } }")

            let tagged = await api.run("{ productsList(where: { tags: { contains: \"led\" } }, allowFiltering: true) { items { name } } }")
            XCTAssertEqual(tagged["productsList", "items"], [["name": "Lamp"]])
            let keyed = await api.run("""
                { productsList(where: { attributes: { containsKey: "color" } }, allowFiltering: true) { items { name } } }
                """)
            XCTAssertEqual(keyed["productsList", "items"], [["name": "Lamp"]])

            let lower = await api.execute(query: "mutation { updateProducts(id: \"\(pen)\", set: { sku: \"p-1\" }) { applied } }")
            XCTAssertEqual(lower.errors.first?.extensions["code"], "validationFailed")
            XCTAssertEqual(lower.errors.first?.extensions["field"], "sku")
            XCTAssertEqual(lower.errors.first?.message, "a SKU is upper case")
            XCTAssertEqual(lower.data, ["updateProducts": .null])
            let unchanged = await api.run("{ products(id: \"\(pen)\") { sku } }")
            XCTAssertEqual(unchanged["products"], ["sku": .null])

            let partly = await api.execute(query: """
                mutation { a: updateProducts(id: "\(pen)", set: { name: "Pen 2" }) { applied } b: updateProducts(id: "\(pen)", set: { sku: "x" }) { applied } }
                """)
            XCTAssertEqual(partly.data, ["a": ["applied": true], "b": .null])
            XCTAssertEqual(partly.errors.map { $0.path.elements.compactMap(\.keyValue) }, [["b"]])
        }
    }

    func testExtensionsThatDoNotFitTheSchemaAreRefused() async throws {
        try await Fixtures.withAPI { _, _, client in
            let products = try await client.loadSchema(Fixtures.products)
            let model = try GraphQLModel(products, schema: Fixtures.products)
            let unknownType = GraphQLExtension(sdl: "extend type Query { best: Nope }")
            let orphan = GraphQLExtension(sdl: "extend type Query { count: Int }", resolvers: ["Query": ["total": { _, _, _, _ in 1 }]])
            for broken in [unknownType, orphan] {
                XCTAssertThrowsError(try CassandraGraphQL(models: [model], extensions: [broken])) {
                    XCTAssertEqual(($0 as? GraphQLServiceError)?.code, .invalidExtension)
                }
            }
            XCTAssertThrowsError(try GraphQLModel(products, schema: Fixtures.orderLines)) {
                XCTAssertEqual(($0 as? GraphQLServiceError)?.code, .invalidSchema)
            }
        }
    }
}
