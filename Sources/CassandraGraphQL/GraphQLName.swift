/// GraphQL names derived from CQL identifiers (GraphQL spec §2.1.9: `/[_A-Za-z][_0-9A-Za-z]*/`,
/// with names starting `__` reserved for introspection).
enum GraphQLName {
    /// Whether `name` is a legal, non-reserved GraphQL name.
    static func isValid(_ name: String) -> Bool {
        let scalars = name.unicodeScalars
        guard let first = scalars.first, isLetter(first) || first == "_", !name.hasPrefix("__") else { return false }
        return scalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// `order_items` → `OrderItems`: the parts between underscores, each capitalised.
    static func pascalCase(_ name: String) -> String {
        name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// `OrderItems` → `orderItems`.
    static func lowerFirst(_ name: String) -> String {
        name.prefix(1).lowercased() + name.dropFirst()
    }

    /// The GraphQL name of a column: the column name itself, except that leading
    /// underscores collapse to one (`__v` → `_v`), since `__` is reserved.
    static func field(_ column: String) -> String {
        guard column.hasPrefix("__") else { return column }
        return "_" + column.drop(while: { $0 == "_" })
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}
