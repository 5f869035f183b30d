/// Validation and quoting of the keyspace and table names the change log builds CQL with.
enum CQLName {
    /// `name` double-quoted, after checking that it is a valid unquoted CQL identifier
    /// (a letter, then letters, digits or `_`; at most 48 characters).
    /// - Parameters:
    ///   - name: the identifier.
    ///   - what: what it names, for the error message.
    /// - Returns: `"name"`.
    /// - Throws: ``SubscriptionError/Code/invalidIdentifier``.
    static func quoted(_ name: String, what: String) throws(SubscriptionError) -> String {
        func isLetter(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) }
        guard let first = name.unicodeScalars.first, isLetter(first), name.unicodeScalars.count <= 48,
              name.unicodeScalars.allSatisfy({ isLetter($0) || ("0"..."9").contains($0) || $0 == "_" })
        else {
            throw SubscriptionError(.invalidIdentifier,
                                    "\(what) '\(name)' is not a valid identifier: use a letter, then letters, digits or '_' (at most 48)")
        }
        return "\"\(name)\""
    }
}
