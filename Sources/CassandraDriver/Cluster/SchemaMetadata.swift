/// The cluster's schema as read from `system_schema`: keyspaces → tables → columns, indexes
/// and user-defined types. Deliberately modest: column types are kept as the CQL text the
/// server reports (parse them with ``CQLProtocol/CQLType/init(parsing:)`` when needed).
public struct SchemaMetadata: Sendable, Hashable {
    /// Keyspaces by name.
    public var keyspaces: [String: Keyspace]

    /// Creates schema metadata.
    /// - Parameter keyspaces: keyspaces by name.
    public init(keyspaces: [String: Keyspace] = [:]) {
        self.keyspaces = keyspaces
    }

    /// One keyspace.
    public struct Keyspace: Sendable, Hashable {
        /// The keyspace name.
        public var name: String
        /// Its replication.
        public var replication: ReplicationStrategy
        /// Whether writes go to the commit log.
        public var durableWrites: Bool
        /// Tables by name.
        public var tables: [String: Table]
        /// User-defined types by name.
        public var userTypes: [String: UserType]

        /// Creates a keyspace.
        public init(name: String, replication: ReplicationStrategy, durableWrites: Bool = true,
                    tables: [String: Table] = [:], userTypes: [String: UserType] = [:]) {
            self.name = name
            self.replication = replication
            self.durableWrites = durableWrites
            self.tables = tables
            self.userTypes = userTypes
        }
    }

    /// One table.
    public struct Table: Sendable, Hashable {
        /// The table name.
        public var name: String
        /// Its columns in schema order: partition key, clustering, then the rest by name.
        public var columns: [Column]
        /// Its secondary indexes.
        public var indexes: [Index]

        /// Creates a table.
        public init(name: String, columns: [Column] = [], indexes: [Index] = []) {
            self.name = name
            self.columns = columns
            self.indexes = indexes
        }

        /// The partition key columns, in key order.
        public var partitionKey: [Column] { columns.filter { $0.kind == .partitionKey }.sorted { $0.position < $1.position } }
        /// The clustering columns, in order.
        public var clusteringColumns: [Column] { columns.filter { $0.kind == .clustering }.sorted { $0.position < $1.position } }
    }

    /// One column.
    public struct Column: Sendable, Hashable {
        /// Where the column sits in the primary key, if at all.
        public enum Kind: String, Sendable, Hashable {
            /// Part of the partition key.
            case partitionKey = "partition_key"
            /// A clustering column.
            case clustering
            /// A regular column.
            case regular
            /// A static column.
            case staticColumn = "static"
        }

        /// The column name.
        public var name: String
        /// Its kind.
        public var kind: Kind
        /// Its position within the partition key or clustering columns; -1 otherwise.
        public var position: Int
        /// Its type as CQL text, e.g. `map<text, frozen<address>>`.
        public var type: String
        /// `ASC`, `DESC` or `NONE`.
        public var clusteringOrder: String

        /// Creates a column.
        public init(name: String, kind: Kind, position: Int, type: String, clusteringOrder: String = "none") {
            self.name = name
            self.kind = kind
            self.position = position
            self.type = type
            self.clusteringOrder = clusteringOrder
        }
    }

    /// One secondary index.
    public struct Index: Sendable, Hashable {
        /// The index name.
        public var name: String
        /// `COMPOSITES`, `KEYS` or `CUSTOM`.
        public var kind: String
        /// Its options, e.g. `target`.
        public var options: [String: String]

        /// Creates an index.
        public init(name: String, kind: String, options: [String: String]) {
            self.name = name
            self.kind = kind
            self.options = options
        }
    }

    /// One user-defined type.
    public struct UserType: Sendable, Hashable {
        /// The type name.
        public var name: String
        /// Field names and their CQL type texts, in order.
        public var fields: [(name: String, type: String)] {
            zip(fieldNames, fieldTypes).map { ($0, $1) }
        }
        /// The field names.
        public var fieldNames: [String]
        /// The field types as CQL text.
        public var fieldTypes: [String]

        /// Creates a user type.
        public init(name: String, fieldNames: [String], fieldTypes: [String]) {
            self.name = name
            self.fieldNames = fieldNames
            self.fieldTypes = fieldTypes
        }
    }
}
