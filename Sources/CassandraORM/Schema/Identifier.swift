/// Validation and quoting of CQL identifiers. Every name the ORM writes into CQL goes
/// through here: it must match `[A-Za-z][A-Za-z0-9_]*` (at most 48 characters) and is
/// always written double-quoted, so case is kept and reserved words are safe.
public enum Identifier {
    /// Whether `name` is a valid identifier for the ORM.
    /// - Parameter name: the name.
    public static func isValid(_ name: String) -> Bool {
        let scalars = name.unicodeScalars
        guard let first = scalars.first, scalars.count <= 48, isLetter(first) || first == "_" else { return false }
        return scalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    /// Whether `name` needs no quotes to keep its meaning (lower case, no reserved word check).
    static func isPlain(_ name: String) -> Bool {
        name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// `"name"` with inner quotes doubled.
    /// - Parameter name: the name.
    /// - Returns: the quoted identifier.
    public static func quote(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// Validates and quotes `name`.
    /// - Parameters:
    ///   - name: the name.
    ///   - what: what it names, for the error message (`"field"`, `"table"`).
    /// - Returns: the quoted identifier.
    /// - Throws: ``ORMError/Code/invalidIdentifier``.
    public static func validated(_ name: String, _ what: String) throws(ORMError) -> String {
        guard isValid(name) else {
            throw ORMError(.invalidIdentifier, "\(what) name '\(name)' must start with a letter or '_' and contain only letters, digits and '_' (at most 48)")
        }
        return quote(name)
    }
}

