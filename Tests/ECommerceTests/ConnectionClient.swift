import HummingbirdTesting

extension ECommerceTestCase.API {
    /// Runs `body` with a client on a new connection to the same server: the `.live` client
    /// pipelines every request on one connection, so truly concurrent requests need one
    /// connection each.
    func onNewConnection<T: Sendable>(_ body: @escaping @Sendable (Self) async throws -> T) async throws -> T {
        guard let port else { throw TestClient.Error.connectionNotOpen }
        return try await TestClient.withClient(host: "127.0.0.1", port: port) { connection in
            try await body(Self(connection: connection, port: port))
        }
    }
}
