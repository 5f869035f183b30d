extension CQLTypeExpression {
    /// The name of a user-defined type, `[keyspace.]name`, after CQL's case rules: unquoted
    /// parts are lowercased, `"Quoted"` parts keep their case.
    public struct UserTypeName: Sendable, Hashable, CustomStringConvertible {
        /// The keyspace, when written; `nil` means the statement's (or session's) keyspace.
        public var keyspace: String?
        /// The type's name.
        public var name: String

        /// Creates a name from already normalized parts.
        /// - Parameters:
        ///   - keyspace: The keyspace, if qualified.
        ///   - name: The type's name.
        public init(keyspace: String? = nil, name: String) {
            self.keyspace = keyspace
            self.name = name
        }

        /// The wire type of the name before the schema resolves it: a ``CQLType/udt(_:)`` with
        /// this keyspace (empty when unqualified), this name and no fields.
        public var cqlType: CQLType {
            .udt(.init(keyspace: keyspace ?? "", name: name, fields: []))
        }

        /// `keyspace.name` or `name`, each part quoted where CQL needs it.
        public var description: String {
            (keyspace.map { CQLKeywords.maybeQuote($0) + "." } ?? "") + CQLKeywords.maybeQuote(name)
        }
    }
}
