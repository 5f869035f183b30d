import CassandraVectorSearch
import CQLTesting
import ECommerceApp
import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest

/// A running platform on a fresh keyspace of the test server (embedded, or
/// `CASSANDRA_CONTACT_POINTS`), served over a real socket (`.live`), and JSON helpers.
class ECommerceTestCase: XCTestCase {
    /// A response: status and body.
    struct Reply: Sendable {
        var status: HTTPResponse.Status
        var body: Data
        var contentType: String?

        /// Decodes the body.
        func decode<T: Decodable>(_ type: T.Type, file: StaticString = #filePath, line: UInt = #line) throws -> T {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            do {
                return try decoder.decode(type, from: body)
            } catch {
                XCTFail("cannot decode \(T.self) from \(String(decoding: body, as: UTF8.self)): \(error)", file: file, line: line)
                throw error
            }
        }

        /// The error code of an error body.
        var errorCode: String? { try? JSONDecoder().decode(APIError.Body.self, from: body).error.code }

        /// The error field of an error body.
        var errorField: String? { try? JSONDecoder().decode(APIError.Body.self, from: body).error.field }

        /// The body as text.
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// A thin JSON client over HummingbirdTesting's clients.
    struct API: Sendable {
        typealias Execute = @Sendable (String, HTTPRequest.Method, HTTPFields, ByteBuffer?) async throws -> Reply
        /// Sends one request.
        let execute: Execute
        /// The server's port.
        let port: Int?

        /// A client over the `.live` test client (one pipelined connection).
        init(client: any TestClientProtocol) {
            port = client.port
            execute = { uri, method, headers, body in
                try await client.execute(uri: uri, method: method, headers: headers, body: body) {
                    Reply(status: $0.status, body: Data(buffer: $0.body), contentType: $0.headers[.contentType])
                }
            }
        }

        /// A client over a `TestClient` with a connection of its own.
        init(connection: TestClient, port: Int) {
            self.port = port
            execute = { uri, method, headers, body in
                var headers = headers
                headers[.connection] = "keep-alive"
                let response = try await connection.execute(
                    TestClient.Request(uri, method: method, authority: "localhost", headers: headers, body: body))
                return Reply(
                    status: response.head.status, body: Data(buffer: response.body ?? ByteBuffer()),
                    contentType: response.head.headerFields[.contentType])
            }
        }

        func send(_ method: HTTPRequest.Method, _ uri: String, json: String? = nil) async throws -> Reply {
            var headers: HTTPFields = [:]
            if json != nil { headers[.contentType] = "application/json" }
            return try await execute(uri, method, headers, json.map { ByteBuffer(string: $0) })
        }

        func send<Body: Encodable>(_ method: HTTPRequest.Method, _ uri: String, _ body: Body) async throws -> Reply {
            try await send(method, uri, json: String(decoding: try JSONEncoder().encode(body), as: UTF8.self))
        }

        func get(_ uri: String) async throws -> Reply { try await send(.get, uri) }

        func post<Body: Encodable>(_ uri: String, _ body: Body) async throws -> Reply { try await send(.post, uri, body) }
    }

    /// A customer as returned.
    struct CustomerJSON: Decodable, Equatable {
        var id: UUID
        var email: String
        var name: String
    }

    /// A product as returned.
    struct ProductJSON: Decodable, Equatable {
        var id: UUID
        var name: String
        var category: String
        var priceCents: Int64
        var stock: Int32
        var reserved: Int32
    }

    /// A customer's order row as returned.
    struct CustomerOrderJSON: Decodable, Equatable {
        var orderId: UUID
        var status: String
        var totalCents: Int64
        var itemCount: Int32
        var version: Int64
    }

    /// Notification settings for tests: fast polls, a short settle delay (one writer, one
    /// clock), and changes from now on.
    static func fastNotifications(lowStockThreshold: Int32 = 5) -> NotificationService.Settings {
        NotificationService.Settings(
            pollInterval: .milliseconds(50), settleDelay: .milliseconds(100), leaseTTL: .seconds(5),
            startPosition: .at(Date().addingTimeInterval(-1)), lowStockThreshold: lowStockThreshold, restartDelay: .milliseconds(200))
    }

    /// Runs `body` against a platform on a fresh keyspace, served on an ephemeral port.
    func withApp(
        monitoring: @autoclosure () -> MonitoringService = MonitoringService(interval: .milliseconds(100)),
        notifications: NotificationService.Settings = ECommerceTestCase.fastNotifications(),
        vectorStorage: VectorStorageMode = .automatic,
        _ body: @escaping @Sendable (API, ECommercePlatform) async throws -> Void
    ) async throws {
        let monitoring = monitoring()
        try await withTestSession { _, keyspace in
            let target = try await TestServer.shared.target()
            let platform = try await ECommercePlatform.connect(
                contactPoints: target.contactPoints, keyspace: keyspace, monitoring: monitoring, notifications: notifications,
                vectorStorage: vectorStorage)
            do {
                let app = Application(router: platform.makeRouter(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
                try await app.test(.live) { client in try await body(API(client: client), platform) }
            } catch {
                try? await platform.close()
                throw error
            }
            try await platform.close()
        }
    }
}

extension ECommerceTestCase.API {
    /// Creates a customer through the API.
    func createCustomer(email: String = "\(UUID().uuidString.prefix(8))@example.com") async throws -> ECommerceTestCase.CustomerJSON {
        let reply = try await self.post("/customers", ["email": email, "name": "Test Customer"])
        XCTAssertEqual(reply.status, .created, reply.text)
        return try reply.decode(ECommerceTestCase.CustomerJSON.self)
    }

    /// Creates a product through the API.
    func createProduct(name: String = "Widget", category: String = "tools", priceCents: Int64 = 1_000,
                       stock: Int32 = 10) async throws -> ECommerceTestCase.ProductJSON {
        struct Body: Encodable { var name: String; var category: String; var priceCents: Int64; var stock: Int32 }
        let reply = try await self.post("/products", Body(name: name, category: category, priceCents: priceCents, stock: stock))
        XCTAssertEqual(reply.status, .created, reply.text)
        return try reply.decode(ECommerceTestCase.ProductJSON.self)
    }

    /// A `POST /orders` body.
    struct PlaceBody: Encodable {
        struct Line: Encodable { var productId: UUID; var quantity: Int32 }
        var customerId: UUID
        var lines: [Line]
    }

    /// Places an order through the API.
    func placeOrder(customer: UUID, _ lines: [(UUID, Int32)]) async throws -> ECommerceTestCase.Reply {
        try await self.post("/orders", PlaceBody(customerId: customer, lines: lines.map { .init(productId: $0.0, quantity: $0.1) }))
    }

    /// Reads a product through the API.
    func product(_ id: UUID) async throws -> ECommerceTestCase.ProductJSON {
        try await self.get("/products/\(id)").decode(ECommerceTestCase.ProductJSON.self)
    }
}

/// Polls `condition` every 50 ms until it holds or `timeout` passes.
func eventually(
    timeout: Duration = .seconds(15), _ message: @autoclosure () -> String = "condition not met in time",
    file: StaticString = #filePath, line: UInt = #line, _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    XCTFail(message(), file: file, line: line)
}

extension Data {
    init(buffer: ByteBuffer) {
        self.init(buffer.readableBytesView)
    }
}
