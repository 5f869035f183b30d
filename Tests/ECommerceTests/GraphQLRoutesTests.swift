import ECommerceApp
import Foundation
import XCTest

/// `/graphql` over HTTP: generated model fields, the event-sourced order fields, error codes.
final class GraphQLRoutesTests: ECommerceTestCase {
    /// Posts a GraphQL request and returns the status and the decoded JSON object.
    private static func graphQL(_ api: API, _ query: String, variables: [String: String] = [:]) async throws -> (Int, [String: Any]) {
        let body = try JSONSerialization.data(withJSONObject: ["query": query, "variables": variables])
        let reply = try await api.send(.post, "/graphql", json: String(decoding: body, as: UTF8.self))
        return (reply.status.code, try XCTUnwrap(JSONSerialization.jsonObject(with: reply.body) as? [String: Any], reply.text))
    }

    /// The `extensions.code`s of a result's errors.
    private static func codes(_ result: [String: Any]) -> [String] {
        ((result["errors"] as? [[String: Any]]) ?? []).compactMap { ($0["extensions"] as? [String: Any])?["code"] as? String }
    }

    func testGeneratedFieldsAndOrders() async throws {
        try await withApp { api, _ in
            let customer = try await api.createCustomer(email: "gq@example.com")
            let lamp = try await api.createProduct(name: "Lamp", category: "home", priceCents: 1_500, stock: 10)
            let rug = try await api.createProduct(name: "Rug", category: "home", priceCents: 4_000, stock: 10)
            let order = try await api.placeOrder(customer: customer.id, [(lamp.id, 2), (rug.id, 1)]).decode(OrderView.self)

            let (status, result) = try await Self.graphQL(api, """
                query($id: UUID!, $customer: UUID!) {
                  order(id: $id) { id status totalCents itemCount customer { email } lines { quantity unitPriceCents product { name } } }
                  customerOrders(customerId: $customer) { id status }
                  customers(id: $customer) { name }
                }
                """, variables: ["id": order.id.uuidString, "customer": customer.id.uuidString])
            XCTAssertEqual(status, 200)
            XCTAssertNil(result["errors"], "\(result)")
            let data = try XCTUnwrap(result["data"] as? [String: Any])
            let loaded = try XCTUnwrap(data["order"] as? [String: Any])
            XCTAssertEqual(loaded["id"] as? String, order.id.uuidString.lowercased())
            XCTAssertEqual(loaded["status"] as? String, "placed")
            XCTAssertEqual(loaded["totalCents"] as? String, "7000")
            XCTAssertEqual(loaded["itemCount"] as? Int, 3)
            XCTAssertEqual((loaded["customer"] as? [String: Any])?["email"] as? String, "gq@example.com")
            let lines = try XCTUnwrap(loaded["lines"] as? [[String: Any]])
            XCTAssertEqual(Set(lines.compactMap { ($0["product"] as? [String: Any])?["name"] as? String }), ["Lamp", "Rug"])
            let listed = try XCTUnwrap(data["customerOrders"] as? [[String: Any]])
            XCTAssertEqual(listed.compactMap { $0["id"] as? String }, [order.id.uuidString.lowercased()])
            XCTAssertEqual((data["customers"] as? [String: Any])?["name"] as? String, "Test Customer")

            let query = "{ productsList(where: {category: {eq: \"home\"}}) { items { name stock } } }"
            let get = try await api.get("/graphql?query=\(query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
            XCTAssertEqual(get.status, .ok, get.text)
            let items = try XCTUnwrap(
                (((try JSONSerialization.jsonObject(with: get.body) as? [String: Any])?["data"] as? [String: Any])?["productsList"]
                    as? [String: Any])?["items"] as? [[String: Any]], get.text)
            XCTAssertEqual(Set(items.compactMap { $0["name"] as? String }), ["Lamp", "Rug"])
            XCTAssertEqual(items.first { $0["name"] as? String == "Lamp" }?["stock"] as? Int, 8, "reserved by the order")

            let schema = try await api.get("/graphql/schema")
            XCTAssertEqual(schema.status, .ok)
            for fragment in ["type Order {", "customerOrders(customerId: UUID!, limit: Int = 20): [Order!]!", "type Products {"] {
                XCTAssertTrue(schema.text.contains(fragment), fragment)
            }
        }
    }

    func testErrorsCarryCodes() async throws {
        try await withApp { api, _ in
            let (_, missingOrder) = try await Self.graphQL(
                api, "query($id: UUID!) { order(id: $id) { id } }", variables: ["id": UUID().uuidString])
            XCTAssertNil(missingOrder["errors"])
            XCTAssertTrue((missingOrder["data"] as? [String: Any])?["order"] is NSNull, "an unknown order is null")

            let (_, unknownCustomer) = try await Self.graphQL(
                api, "query($id: UUID!) { customerOrders(customerId: $id) { id } }", variables: ["id": UUID().uuidString])
            XCTAssertEqual(Self.codes(unknownCustomer), ["not_found"])

            let (_, badLimit) = try await Self.graphQL(
                api, "query($id: UUID!) { customerOrders(customerId: $id, limit: 0) { id } }", variables: ["id": UUID().uuidString])
            XCTAssertEqual(Self.codes(badLimit), ["validation_failed"])

            let (_, badUUID) = try await Self.graphQL(api, "query($id: UUID!) { order(id: $id) { id } }", variables: ["id": "nope"])
            XCTAssertEqual(Self.codes(badUUID), ["GRAPHQL_VALIDATION_FAILED"])

            let (_, syntax) = try await Self.graphQL(api, "{ order(id: ")
            XCTAssertEqual(Self.codes(syntax), ["GRAPHQL_VALIDATION_FAILED"])

            let (_, mutation) = try await Self.graphQL(api, """
                mutation { createCustomers(input: {id: "\(UUID())", email: "x@example.com", name: "X"}) { applied } }
                """)
            XCTAssertEqual(Self.codes(mutation), ["GRAPHQL_VALIDATION_FAILED"], "the schema has no mutations")

            let (_, filtering) = try await Self.graphQL(api, "{ productsList(where: {name: {eq: \"Lamp\"}}) { items { id } } }")
            XCTAssertEqual(Self.codes(filtering), ["filteringRequired"])

            let noQuery = try await api.get("/graphql")
            XCTAssertEqual(noQuery.status, .badRequest)
            XCTAssertTrue(noQuery.text.contains("invalid_parameter"), noQuery.text)
            let badBody = try await api.send(.post, "/graphql", json: "{\"query\": 1}")
            XCTAssertEqual(badBody.status, .badRequest)
            XCTAssertTrue(badBody.text.contains("invalid_json"), badBody.text)
        }
    }
}
