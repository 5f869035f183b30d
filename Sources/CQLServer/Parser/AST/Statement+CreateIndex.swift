extension Statement {
    /// `CREATE [CUSTOM] INDEX [IF NOT EXISTS] [name] ON [ks.]table (target, …)
    /// [USING 'class'] [WITH OPTIONS = {…}]`.
    public struct CreateIndex: Sendable, Hashable {
        /// Whether `CUSTOM` was written.
        public var isCustom: Bool
        /// Whether `IF NOT EXISTS` was written.
        public var ifNotExists: Bool
        /// The index name, if given.
        public var name: Identifier?
        /// The indexed table.
        public var table: QualifiedName
        /// The indexed columns (Cassandra allows an empty list syntactically).
        public var targets: [Target]
        /// The `USING` class name.
        public var usingClass: String?
        /// The `WITH` properties (`options = {…}` and the like).
        public var properties: [Property]

        /// Creates a `CREATE INDEX`.
        public init(
            isCustom: Bool = false, ifNotExists: Bool = false, name: Identifier? = nil, table: QualifiedName,
            targets: [Target], usingClass: String? = nil, properties: [Property] = []
        ) {
            self.isCustom = isCustom
            self.ifNotExists = ifNotExists
            self.name = name
            self.table = table
            self.targets = targets
            self.usingClass = usingClass
            self.properties = properties
        }

        /// One indexed column and what of it is indexed.
        public struct Target: Sendable, Hashable {
            /// The column.
            public var column: Identifier
            /// The indexed part.
            public var kind: Kind
            /// Creates a target.
            public init(column: Identifier, kind: Kind = .simple) {
                self.column = column
                self.kind = kind
            }

            /// The indexed part of a column (`IndexTarget.Type` in Cassandra).
            public enum Kind: String, Sendable, Hashable {
                /// `c`: the value (the values, for a non-frozen collection).
                case simple
                /// `KEYS(c)`.
                case keys
                /// `VALUES(c)`.
                case values
                /// `ENTRIES(c)`.
                case entries
                /// `FULL(c)`.
                case full
            }
        }
    }
}
