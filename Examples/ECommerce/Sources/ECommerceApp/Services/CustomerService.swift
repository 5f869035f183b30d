import CassandraORM
import CassandraSubscriptions
import Foundation

/// Customers: sign-up with a unique email, lookup by id. Sign-ups are captured in the change
/// log (the welcome notification subscribes to them).
public struct CustomerService: Sendable {
    /// The customers model (reads).
    let customers: TypedModel<Customer>
    /// The same model with its writes captured.
    let captured: CapturedModel

    /// Loads (and migrates) the `customers` model in `client`.
    /// - Parameters:
    ///   - client: a connected ORM client.
    ///   - changes: the change log the writes are captured in.
    /// - Throws: ``CassandraORM/ORMError`` when the schema cannot be migrated.
    init(client: CassandraClient, changes: ChangeLog) async throws {
        customers = try await client.model(Customer.self)
        captured = changes.capture(customers.model)
    }

    /// Creates a customer.
    /// - Parameters:
    ///   - email: the email (validated and lower-cased).
    ///   - name: the name (trimmed, 1 to 200 characters).
    /// - Returns: the customer.
    /// - Throws: ``APIError/Code/validationFailed``, ``APIError/Code/duplicate`` when the
    ///   email is taken.
    public func create(email: String, name: String) async throws -> Customer {
        let email = try Validation.email(email, field: "email")
        let name = try Validation.text(name, field: "name", maxLength: 200)
        let customer = Customer(id: UUID(), email: email, name: name, createdAt: Validation.now())
        do {
            try await captured.save([
                "id": .uuid(customer.id), "email": .string(customer.email), "name": .string(customer.name),
                "created_at": .date(customer.createdAt),
            ])
        } catch let error as SubscriptionError where (error.underlying as? ORMError)?.code == .uniqueViolation {
            throw APIError(.duplicate, "a customer with this email already exists", field: "email")
        }
        return customer
    }

    /// The customer with `id`.
    /// - Parameter id: the id.
    /// - Returns: the customer.
    /// - Throws: ``APIError/Code/notFound``.
    public func get(_ id: UUID) async throws -> Customer {
        guard let customer = try await customers.findOne(where: ["id": .uuid(id)]) else {
            throw APIError(.notFound, "no customer with id \(id)")
        }
        return customer
    }
}
