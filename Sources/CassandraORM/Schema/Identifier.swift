import CQLProtocol

/// Validation and quoting of CQL identifiers. Every name the ORM writes into CQL goes
/// through here: it must satisfy ``CQLProtocol/CQLIdentifier/isValid(_:)`` and is always
/// written double-quoted, so case is kept and reserved words are safe.
public enum Identifier {
    /// Whether `name` is a valid identifier for the ORM.
    /// - Parameter name: the name.
    public static func isValid(_ name: String) -> Bool {
        CQLIdentifier.isValid(name)
    }

    /// Whether `name` needs no quotes to keep its meaning (lower case, no reserved word check).
    static func isPlain(_ name: String) -> Bool {
        name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// `"name"` with inner quotes doubled.
    /// - Parameter name: the name.
    /// - Returns: the quoted identifier.
    public static func quote(_ name: String) -> String {
        CQLIdentifier.quoted(name)
    }

    /// Validates and quotes `name`.
    /// - Parameters:
    ///   - name: the name.
    ///   - what: what it names, for the error message (`"field"`, `"table"`).
    /// - Returns: the quoted identifier.
    /// - Throws: ``ORMError/Code/invalidIdentifier``.
    public static func validated(_ name: String, _ what: String) throws(ORMError) -> String {
        guard isValid(name) else {
            throw ORMError(.invalidIdentifier, "\(what) name '\(name)' must \(CQLIdentifier.rule)")
        }
        return quote(name)
    }
}

