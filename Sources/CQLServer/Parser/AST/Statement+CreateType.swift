import CQLProtocol

extension Statement {
    /// `CREATE TYPE [IF NOT EXISTS] [ks.]type (field type, …)`.
    public struct CreateType: Sendable, Hashable {
        /// The type.
        public var type: QualifiedName
        /// Whether `IF NOT EXISTS` was written.
        public var ifNotExists: Bool
        /// The fields, in declaration order.
        public var fields: [Field]

        /// Creates a `CREATE TYPE`.
        public init(type: QualifiedName, ifNotExists: Bool = false, fields: [Field]) {
            self.type = type
            self.ifNotExists = ifNotExists
            self.fields = fields
        }

        /// One field of a user-defined type.
        public struct Field: Sendable, Hashable {
            /// The field name.
            public var name: Identifier
            /// The field type.
            public var type: CQLTypeExpression
            /// Creates a field.
            public init(name: Identifier, type: CQLTypeExpression) {
                self.name = name
                self.type = type
            }
        }
    }
}
