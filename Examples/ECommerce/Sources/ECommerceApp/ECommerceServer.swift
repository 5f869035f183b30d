import CQLServer
import Hummingbird
import Logging

/// Runs the platform as the `ecommerce` executable does: on the cluster named by
/// ``AppConfiguration/contactPoints``, or on an embedded CQL server started in this process;
/// serves HTTP until SIGINT or SIGTERM, then shuts down gracefully (in-flight requests
/// finish, monitoring stops, the session closes, the embedded server stops).
public enum ECommerceServer {
    /// Runs until a shutdown signal.
    /// - Parameters:
    ///   - configuration: the configuration.
    ///   - logger: the logger.
    /// - Throws: start-up errors (the embedded server's port is taken, the cluster is
    ///   unreachable, a migration is refused, the HTTP port is taken).
    public static func run(_ configuration: AppConfiguration, logger: Logger) async throws {
        var embedded: EmbeddedCQLServer?
        let contactPoints: [String]
        if let points = configuration.contactPoints {
            contactPoints = points
            logger.info("using Cassandra cluster", metadata: ["contact_points": "\(points.joined(separator: ","))"])
        } else {
            let server = try await EmbeddedCQLServer.start(
                .init(host: "127.0.0.1", port: configuration.embeddedPort, dataDirectory: configuration.dataDirectory))
            embedded = server
            contactPoints = ["127.0.0.1:\(server.port)"]
            logger.info("embedded CQL server started", metadata: ["port": "\(server.port)"])
        }
        do {
            let platform = try await ECommercePlatform.connect(
                contactPoints: contactPoints, localDatacenter: configuration.localDatacenter, keyspace: configuration.keyspace,
                monitoring: MonitoringService(interval: .seconds(configuration.monitorIntervalSeconds)), logger: logger)
            do {
                if configuration.seed {
                    let added = try await DemoData.seed(platform)
                    logger.info("demo data seeded", metadata: ["products": "\(added.products)", "customers": "\(added.customers)"])
                }
                let app = Application(
                    router: platform.makeRouter(),
                    configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "ecommerce"),
                    logger: logger)
                try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
            } catch {
                try? await platform.close()
                throw error
            }
            try await platform.close()
        } catch {
            try? await embedded?.shutdown()
            throw error
        }
        try await embedded?.shutdown()
        logger.info("stopped")
    }
}
