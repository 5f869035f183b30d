/// Cassandra's `PasswordAuthenticator`: SASL PLAIN (`\0user\0password`) against a fixed
/// set of users.
struct PasswordAuthenticator: Sendable {
    /// The Java class name drivers expect in AUTHENTICATE.
    static let className = "org.apache.cassandra.auth.PasswordAuthenticator"

    /// Passwords by user name.
    let users: [String: String]

    /// The authenticated user for a SASL PLAIN token, or `nil` when the credentials are wrong.
    func authenticate(token: [UInt8]?) -> String? {
        guard let token else { return nil }
        let parts = token.split(separator: 0, omittingEmptySubsequences: false)
        // Either "authzid\0user\0password" or "\0user\0password" (authzid empty).
        guard parts.count == 3,
              let user = String(validating: parts[1], as: UTF8.self),
              let password = String(validating: parts[2], as: UTF8.self),
              let expected = users[user], expected == password else { return nil }
        return user
    }
}
