import CassandraORM
import Foundation

/// Customers: sign-up with a unique email, lookup by id.
public struct CustomerService: Sendable {
    /// The customers model.
    let customers: TypedModel<Customer>

    /// Loads (and migrates) the `customers` model in `client`.
    /// - Parameter client: a connected ORM client.
    /// - Throws: ``CassandraORM/ORMError`` when the schema cannot be migrated.
    init(client: CassandraClient) async throws {
        customers = try await client.model(Customer.self)
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
            try await customers.save(customer)
        } catch let error as ORMError where error.code == .uniqueViolation {
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
