import CassandraDriver
import CQLProtocol

extension CassandraClient {
    /// Where and how to connect: the driver-level options of express-cassandra's `clientOptions`.
    public struct ClientOptions: Sendable {
        /// `host` or `host:port` entries.
        public var contactPoints: [String]
        /// The port for contact points that give none.
        public var port: Int
        /// The local datacenter; the first contact point's when `nil`.
        public var localDataCenter: String?
        /// The keyspace the models live in.
        public var keyspace: String
        /// A username and password, when the cluster requires authentication.
        public var credentials: Session.Configuration.Credentials?
        /// Whether to compress frames with LZ4.
        public var compression: Bool
        /// Connections per node.
        public var poolSize: Int
        /// The default consistency level.
        public var consistency: Consistency
        /// The default serial consistency of lightweight transactions.
        public var serialConsistency: Consistency
        /// How long a request may take.
        public var requestTimeout: Duration
        /// Adjusts anything else of the driver configuration (policies, logger, observers).
        public var configure: (@Sendable (inout Session.Configuration) -> Void)?

        /// Creates options.
        /// - Parameters:
        ///   - contactPoints: `host` or `host:port` entries.
        ///   - port: the default port.
        ///   - localDataCenter: the local datacenter.
        ///   - keyspace: the models' keyspace.
        ///   - credentials: authentication.
        ///   - compression: whether to use LZ4.
        ///   - poolSize: connections per node.
        ///   - consistency: the default consistency.
        ///   - serialConsistency: the default serial consistency.
        ///   - requestTimeout: the request timeout.
        ///   - configure: further driver configuration.
        public init(contactPoints: [String], port: Int = 9042, localDataCenter: String? = nil, keyspace: String,
                    credentials: Session.Configuration.Credentials? = nil, compression: Bool = false, poolSize: Int = 1,
                    consistency: Consistency = .localQuorum, serialConsistency: Consistency = .localSerial,
                    requestTimeout: Duration = .seconds(12), configure: (@Sendable (inout Session.Configuration) -> Void)? = nil) {
            self.contactPoints = contactPoints
            self.port = port
            self.localDataCenter = localDataCenter
            self.keyspace = keyspace
            self.credentials = credentials
            self.compression = compression
            self.poolSize = poolSize
            self.consistency = consistency
            self.serialConsistency = serialConsistency
            self.requestTimeout = requestTimeout
            self.configure = configure
        }

        var sessionConfiguration: Session.Configuration {
            var configuration = Session.Configuration(contactPoints: contactPoints, localDatacenter: localDataCenter)
            configuration.defaultPort = port
            configuration.credentials = credentials
            configuration.compression = compression
            configuration.connectionsPerNode = max(1, poolSize)
            configuration.consistency = consistency
            configuration.serialConsistency = serialConsistency
            configuration.requestTimeout = requestTimeout
            configure?(&configuration)
            return configuration
        }
    }

    /// ORM behaviour: keyspace creation, migrations and user-defined types.
    public struct ORMOptions: Sendable {
        /// Whether ``CassandraClient/connect()`` creates the keyspace when it is missing.
        public var createKeyspace: Bool
        /// The replication of a created keyspace.
        public var replication: Replication
        /// How ``CassandraClient/loadSchema(_:)`` reconciles tables with schemas.
        public var migration: MigrationMode
        /// User-defined types created (if missing) on connect, before any table.
        public var userDefinedTypes: [UserDefinedType]

        /// Creates options.
        /// - Parameters:
        ///   - createKeyspace: whether to create the keyspace.
        ///   - replication: its replication.
        ///   - migration: the migration mode.
        ///   - userDefinedTypes: types to create.
        public init(createKeyspace: Bool = false, replication: Replication = .simple(replicationFactor: 1),
                    migration: MigrationMode = .safe, userDefinedTypes: [UserDefinedType] = []) {
            self.createKeyspace = createKeyspace
            self.replication = replication
            self.migration = migration
            self.userDefinedTypes = userDefinedTypes
        }
    }

    /// A keyspace's replication strategy.
    public enum Replication: Sendable, Hashable {
        /// `SimpleStrategy` with a replication factor.
        case simple(replicationFactor: Int)
        /// `NetworkTopologyStrategy` with a factor per datacenter.
        case networkTopology([String: Int])

        var cql: String {
            switch self {
            case .simple(let factor):
                return "{'class': 'SimpleStrategy', 'replication_factor': \(factor)}"
            case .networkTopology(let factors):
                let entries = factors.keys.sorted().map { "\(DDL.literal($0)): \(factors[$0]!)" }
                return "{'class': 'NetworkTopologyStrategy'" + entries.map { ", " + $0 }.joined() + "}"
            }
        }
    }

    /// A user-defined type: its name and fields in order.
    ///
    /// ```swift
    /// .init("address", fields: ["street": "text", "zip": "int"])
    /// ```
    public struct UserDefinedType: Sendable {
        /// The type name (a lower-case identifier).
        public var name: String
        /// The fields and their CQL types, in order.
        public var fields: KeyValuePairs<String, String>

        /// Creates a type.
        /// - Parameters:
        ///   - name: the name.
        ///   - fields: fields and types in order.
        public init(_ name: String, fields: KeyValuePairs<String, String>) {
            self.name = name
            self.fields = fields
        }

        func createStatement(keyspace: String) throws(ORMError) -> String {
            guard Identifier.isValid(name), Identifier.isPlain(name) else {
                throw ORMError(.invalidIdentifier, "user-defined type name '\(name)' must be a lower-case identifier")
            }
            var definitions: [String] = []
            for (field, type) in fields {
                let parsed = try FieldType(parsing: type)
                definitions.append("\(try Identifier.validated(field, "field")) \(parsed)")
            }
            return "CREATE TYPE IF NOT EXISTS \(Identifier.quote(keyspace)).\(name) (\(definitions.joined(separator: ", ")))"
        }
    }
}
