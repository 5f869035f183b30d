import CQLProtocol

extension Statement {
    /// `ALTER TYPE [IF EXISTS] [ks.]type action`.
    public struct AlterType: Sendable, Hashable {
        /// The type.
        public var type: QualifiedName
        /// Whether `IF EXISTS` was written after `TYPE`.
        public var ifExists: Bool
        /// What to change.
        public var action: Action

        /// Creates an `ALTER TYPE`.
        public init(type: QualifiedName, ifExists: Bool = false, action: Action) {
            self.type = type
            self.ifExists = ifExists
            self.action = action
        }

        /// The change an `ALTER TYPE` makes.
        public enum Action: Sendable, Hashable {
            /// `ALTER field TYPE t`.
            case alterType(field: Identifier, type: CQLTypeExpression)
            /// `ADD [IF NOT EXISTS] field type`.
            case add(ifNotExists: Bool, field: CreateType.Field)
            /// `RENAME [IF EXISTS] a TO b [AND …]`.
            case rename(ifExists: Bool, renames: [AlterTable.Rename])
        }
    }
}
