import CassandraORM
import Foundation

/// A customer: an ORM model whose `email` is unique (claimed with a lightweight transaction
/// in the ORM's lookup table, so two concurrent sign-ups with one address cannot both win).
public struct Customer: CassandraModel, Equatable {
    /// Table `customers`, keyed by `id`.
    public static let schema = ModelSchema("customers", fields: [
        "id": "uuid",
        "email": .init(type: "text", unique: true),
        "name": "text",
        "created_at": "timestamp",
    ], key: ["id"])

    /// The customer id.
    public var id: UUID
    /// The email address, stored lower-cased; unique.
    public var email: String
    /// The display name.
    public var name: String
    /// When the customer was created.
    public var createdAt: Date

    /// Creates a customer.
    /// - Parameters:
    ///   - id: the id.
    ///   - email: the normalised email.
    ///   - name: the name.
    ///   - createdAt: the creation time.
    public init(id: UUID, email: String, name: String, createdAt: Date) {
        self.id = id
        self.email = email
        self.name = name
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, email, name
        case createdAt = "created_at"
    }
}
