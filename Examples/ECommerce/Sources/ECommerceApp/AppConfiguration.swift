import Foundation

/// How the `ecommerce` executable runs, from its command line and environment.
///
/// ```
/// ecommerce [--host 127.0.0.1] [--port 8080] [--keyspace ecommerce] [--seed]
///           [--cql-port 9042] [--data-directory DIR] [--monitor-interval SECONDS]
/// CASSANDRA_CONTACT_POINTS=10.0.0.1,10.0.0.2:9043  use that cluster instead of the embedded server
/// CASSANDRA_LOCAL_DC=dc1                          its local datacenter
/// ```
public struct AppConfiguration: Sendable, Equatable {
    /// The HTTP listen address.
    public var host = "127.0.0.1"
    /// The HTTP port.
    public var port = 8080
    /// The keyspace.
    public var keyspace = "ecommerce"
    /// Whether to add the demo customers and products.
    public var seed = false
    /// An external cluster's contact points; `nil` starts the embedded CQL server.
    public var contactPoints: [String]?
    /// The external cluster's local datacenter.
    public var localDatacenter: String?
    /// The embedded server's CQL port (0 picks a free one).
    public var embeddedPort = 9042
    /// Where the embedded server keeps its commit log; in memory only when `nil`.
    public var dataDirectory: String?
    /// Seconds between system monitor samples.
    public var monitorIntervalSeconds = 5

    /// The defaults.
    public init() {}

    /// The usage text.
    public static let usage = """
        usage: ecommerce [--host HOST] [--port PORT] [--keyspace NAME] [--seed]
                         [--cql-port PORT] [--data-directory DIR] [--monitor-interval SECONDS]
        environment: CASSANDRA_CONTACT_POINTS (host[:port],… ; otherwise an embedded CQL server runs in-process),
                     CASSANDRA_LOCAL_DC
        """

    /// Parses arguments (without the program name) and the environment.
    /// - Parameters:
    ///   - arguments: the arguments.
    ///   - environment: the environment variables.
    /// - Returns: the configuration.
    /// - Throws: ``APIError`` with ``APIError/Code/invalidParameter`` and the option as
    ///   ``APIError/field`` (the module's one error type).
    public static func parse(_ arguments: [String], environment: [String: String]) throws(APIError) -> AppConfiguration {
        var configuration = AppConfiguration()
        var remaining = arguments[...]
        func value(_ option: String) throws(APIError) -> String {
            guard let value = remaining.popFirst(), !value.hasPrefix("--") else {
                throw APIError(.invalidParameter, "\(option) needs a value", field: option)
            }
            return value
        }
        func port(_ option: String, allowingZero: Bool) throws(APIError) -> Int {
            let text = try value(option)
            guard let port = Int(text), (allowingZero ? 0 : 1)...65_535 ~= port else {
                throw APIError(.invalidParameter, "\(option) must be a port number, not \(text)", field: option)
            }
            return port
        }
        while let argument = remaining.popFirst() {
            switch argument {
            case "--host": configuration.host = try value(argument)
            case "--port": configuration.port = try port(argument, allowingZero: true)
            case "--keyspace": configuration.keyspace = try value(argument)
            case "--seed": configuration.seed = true
            case "--cql-port": configuration.embeddedPort = try port(argument, allowingZero: true)
            case "--data-directory": configuration.dataDirectory = try value(argument)
            case "--monitor-interval":
                let text = try value(argument)
                guard let seconds = Int(text), (1...3_600).contains(seconds) else {
                    throw APIError(.invalidParameter, "--monitor-interval must be 1 to 3600 seconds, not \(text)", field: argument)
                }
                configuration.monitorIntervalSeconds = seconds
            default: throw APIError(.invalidParameter, "unknown option \(argument)", field: argument)
            }
        }
        if let points = environment["CASSANDRA_CONTACT_POINTS"] {
            let list = points.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if !list.isEmpty { configuration.contactPoints = list }
        }
        if let datacenter = environment["CASSANDRA_LOCAL_DC"], !datacenter.isEmpty { configuration.localDatacenter = datacenter }
        return configuration
    }
}
