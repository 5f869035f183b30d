/// Validation and quoting of the keyspace and table names a collection builds CQL with.
enum CQLName {
    /// The longest name accepted: Cassandra's limit for keyspace names (and its index names
    /// add `_embedding_idx` to the table name).
    static let maximumLength = 48

    /// `name` double-quoted, after checking that it is a valid unquoted CQL identifier
    /// (a letter, then letters, digits or `_`; at most 48 characters).
    /// - Parameters:
    ///   - name: the identifier.
    ///   - what: what it names, for the error message.
    /// - Returns: `"name"`.
    /// - Throws: ``VectorSearchError/Code/invalidIdentifier``.
    static func quoted(_ name: String, what: String) throws(VectorSearchError) -> String {
        func isLetter(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) }
        guard let first = name.unicodeScalars.first, isLetter(first), name.unicodeScalars.count <= maximumLength,
              name.unicodeScalars.allSatisfy({ isLetter($0) || ("0"..."9").contains($0) || $0 == "_" })
        else {
            throw VectorSearchError(.invalidIdentifier,
                                    "\(what) '\(name)' is not a valid identifier: use a letter, then letters, digits or '_' (at most \(maximumLength))")
        }
        return "\"\(name)\""
    }
}
