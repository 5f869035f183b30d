import CQLProtocol

/// Validation and quoting of the keyspace and table names a collection builds CQL with.
enum CQLName {
    /// `name` double-quoted, after checking that it is a valid unquoted CQL identifier
    /// (``CQLProtocol/CQLIdentifier/isValid(_:)``).
    /// - Parameters:
    ///   - name: the identifier.
    ///   - what: what it names, for the error message.
    /// - Returns: `"name"`.
    /// - Throws: ``VectorSearchError/Code/invalidIdentifier``.
    static func quoted(_ name: String, what: String) throws(VectorSearchError) -> String {
        guard CQLIdentifier.isValid(name) else {
            throw VectorSearchError(.invalidIdentifier, "\(what) '\(name)' is not a valid identifier: \(CQLIdentifier.rule)")
        }
        return CQLIdentifier.quoted(name)
    }
}
