import Foundation

/// The demo catalog and customers `--seed` adds. Seeding twice adds nothing: products have
/// fixed ids and customers unique emails.
enum DemoData {
    /// A demo product.
    struct DemoProduct {
        let id: UUID
        let name: String
        let description: String
        let category: String
        let priceCents: Int64
        let stock: Int32
    }

    static let products: [DemoProduct] = [
        DemoProduct(id: UUID(uuidString: "8F0C6A52-2E1B-4C55-9A0E-000000000001")!, name: "Desk lamp",
                    description: "LED desk lamp with a dimmer", category: "home", priceCents: 3_499, stock: 40),
        DemoProduct(id: UUID(uuidString: "8F0C6A52-2E1B-4C55-9A0E-000000000002")!, name: "Wool blanket",
                    description: "Merino wool, 150 × 200 cm", category: "home", priceCents: 7_900, stock: 15),
        DemoProduct(id: UUID(uuidString: "8F0C6A52-2E1B-4C55-9A0E-000000000003")!, name: "Mechanical keyboard",
                    description: "Tenkeyless, brown switches", category: "electronics", priceCents: 12_900, stock: 25),
        DemoProduct(id: UUID(uuidString: "8F0C6A52-2E1B-4C55-9A0E-000000000004")!, name: "USB-C cable",
                    description: "2 m, 100 W", category: "electronics", priceCents: 1_299, stock: 200),
        DemoProduct(id: UUID(uuidString: "8F0C6A52-2E1B-4C55-9A0E-000000000005")!, name: "Espresso beans",
                    description: "1 kg, medium roast", category: "grocery", priceCents: 2_450, stock: 60),
    ]

    static let customers: [(email: String, name: String)] = [
        ("ada@example.com", "Ada Lovelace"),
        ("grace@example.com", "Grace Hopper"),
    ]

    /// Adds what is missing.
    /// - Parameter platform: the platform.
    /// - Returns: how many products and customers were added.
    /// - Throws: database errors.
    static func seed(_ platform: ECommercePlatform) async throws -> (products: Int, customers: Int) {
        var added = (products: 0, customers: 0)
        for product in products {
            do {
                _ = try await platform.products.create(
                    id: product.id, name: product.name, description: product.description, category: product.category,
                    priceCents: product.priceCents, stock: product.stock)
                added.products += 1
            } catch let error as APIError where error.code == .duplicate {
                continue
            }
        }
        for customer in customers {
            do {
                _ = try await platform.customers.create(email: customer.email, name: customer.name)
                added.customers += 1
            } catch let error as APIError where error.code == .duplicate {
                continue
            }
        }
        return added
    }
}
