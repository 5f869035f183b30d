import CQLProtocol

extension Statement {
    /// `ALTER TABLE [IF EXISTS] [ks.]table action`.
    public struct AlterTable: Sendable, Hashable {
        /// The table.
        public var table: QualifiedName
        /// Whether `IF EXISTS` was written after `TABLE`.
        public var ifExists: Bool
        /// What to change.
        public var action: Action

        /// Creates an `ALTER TABLE`.
        public init(table: QualifiedName, ifExists: Bool = false, action: Action) {
            self.table = table
            self.ifExists = ifExists
            self.action = action
        }

        /// The change an `ALTER TABLE` makes.
        public enum Action: Sendable, Hashable {
            /// `ALTER c TYPE t` (refused by Cassandra 4+ at execution time).
            case alterType(column: Identifier, type: CQLTypeExpression)
            /// `ADD [IF NOT EXISTS] c t [STATIC]` or `ADD (c t, …)`.
            case add(ifNotExists: Bool, columns: [ColumnDefinition])
            /// `DROP [IF EXISTS] c` or `DROP (c, …)`, with an optional `USING TIMESTAMP`.
            case drop(ifExists: Bool, columns: [Identifier], timestamp: Int64?)
            /// `RENAME [IF EXISTS] a TO b [AND c TO d …]`.
            case rename(ifExists: Bool, renames: [Rename])
            /// `WITH option = value [AND …]`.
            case options([Property])
        }

        /// One `from TO to` pair of a `RENAME`.
        public struct Rename: Sendable, Hashable {
            /// The current name.
            public var from: Identifier
            /// The new name.
            public var to: Identifier
            /// Creates a rename.
            public init(from: Identifier, to: Identifier) {
                self.from = from
                self.to = to
            }
        }
    }
}
