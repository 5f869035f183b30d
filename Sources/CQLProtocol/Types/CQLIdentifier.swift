/// The CQL identifiers this package writes into statements it builds: names of keyspaces,
/// tables, columns, types and indexes that match `[A-Za-z_][A-Za-z0-9_]*` and have at most
/// 48 characters (Cassandra's limit for keyspace and table names), always written
/// double-quoted, so that case is kept and reserved words are safe.
///
/// ```swift
/// guard CQLIdentifier.isValid(table) else { throw … }
/// let cql = "SELECT * FROM \(CQLIdentifier.quoted(keyspace)).\(CQLIdentifier.quoted(table))"
/// ```
public enum CQLIdentifier {
    /// The longest name accepted.
    public static let maximumLength = 48

    /// Whether `name` is a letter or `_`, then letters, digits or `_`, at most
    /// ``maximumLength`` characters.
    /// - Parameter name: the name.
    public static func isValid(_ name: String) -> Bool {
        let scalars = name.unicodeScalars
        guard let first = scalars.first, scalars.count <= maximumLength, isLetter(first) || first == "_" else { return false }
        return scalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// `"name"`, with inner double quotes doubled (CQL's escape inside quoted identifiers).
    /// - Parameter name: the name.
    /// - Returns: the quoted identifier.
    public static func quoted(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// The rule ``isValid(_:)`` checks, for error messages.
    public static let rule = "start with a letter or '_' and contain only letters, digits and '_' (at most 48)"

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}
