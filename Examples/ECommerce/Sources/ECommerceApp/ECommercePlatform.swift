import CassandraDriver
import CassandraEventSourcing
import CassandraMonitoring
import CassandraORM
import CassandraSubscriptions
import CassandraVectorSearch
import Hummingbird
import Logging
import Metrics

/// The application: connected to a keyspace, with its schema migrated, its services and its
/// HTTP routes. One instance per process (or per test).
///
/// ```swift
/// let platform = try await ECommercePlatform.connect(contactPoints: ["127.0.0.1:9042"], keyspace: "ecommerce")
/// let app = Application(router: platform.makeRouter())
/// try await app.runService()
/// try await platform.close()
/// ```
///
/// Each area is a service (``customers``, ``products``, ``orders``, ``monitoring``,
/// ``notifications``, ``recommendations``, ``graphQL``) with its
/// own routes type registered in ``makeRouter()``; new areas slot in the same way.
public final class ECommercePlatform: Sendable {
    /// The ORM client (its `driver` session runs every statement).
    public let client: CassandraClient
    /// The driver session.
    public let session: Session
    /// The event store holding order streams and saga logs.
    public let eventStore: EventStore
    /// Customers.
    public let customers: CustomerService
    /// The catalog.
    public let products: ProductService
    /// Orders.
    public let orders: OrderService
    /// Metrics, profiler, system monitor.
    public let monitoring: MonitoringService
    /// Customer inboxes and low-stock alerts, delivered from captured writes.
    public let notifications: NotificationService
    /// Similar products and text search.
    public let recommendations: RecommendationService
    /// The GraphQL API.
    public let graphQL: GraphQLService
    private let logger: Logger

    private init(client: CassandraClient, session: Session, eventStore: EventStore, customers: CustomerService, products: ProductService,
                 orders: OrderService, monitoring: MonitoringService, notifications: NotificationService,
                 recommendations: RecommendationService, graphQL: GraphQLService, logger: Logger) {
        self.client = client
        self.session = session
        self.eventStore = eventStore
        self.customers = customers
        self.products = products
        self.orders = orders
        self.monitoring = monitoring
        self.notifications = notifications
        self.recommendations = recommendations
        self.graphQL = graphQL
        self.logger = logger
    }

    /// Connects, creates the keyspace if missing (SimpleStrategy, replication factor 1; for
    /// production replication create it beforehand), migrates every table (`.safe`: new tables
    /// and columns only), catches the stock reservations and the order projection up (events a
    /// crash left unhandled), creates the product embeddings collection, and starts monitoring,
    /// the notification subscriptions and the embedding indexer.
    /// - Parameters:
    ///   - contactPoints: `host` or `host:port` entries.
    ///   - localDatacenter: the local datacenter; the first contact point's when `nil`.
    ///   - keyspace: the keyspace.
    ///   - monitoring: the monitoring service (sampling interval, alert rules); it is started
    ///     here and stopped by ``close()``.
    ///   - notifications: how the notification subscriptions poll, hold their lease, and the
    ///     low-stock threshold (also used by the recommendations' indexing subscription);
    ///     they are started here and stopped by ``close()``.
    ///   - vectorStorage: the layout of the product embeddings: `.automatic` (native vectors on
    ///     Cassandra 5, a scanned blob column on Cassandra 4) or forced.
    ///   - logger: the logger.
    /// - Returns: the running platform.
    /// - Throws: connection, schema and migration errors.
    public static func connect(
        contactPoints: [String], localDatacenter: String? = nil, keyspace: String,
        monitoring: MonitoringService = MonitoringService(), notifications settings: NotificationService.Settings = .init(),
        vectorStorage: VectorStorageMode = .automatic, logger: Logger = Logger(label: "ecommerce")
    ) async throws -> ECommercePlatform {
        let profiler = monitoring.profiler
        let client = try await CassandraORM.createClient(
            clientOptions: .init(
                contactPoints: contactPoints, localDataCenter: localDatacenter, keyspace: keyspace,
                configure: { configuration in
                    configuration.requestObservers.append(profiler)
                    configuration.logger = logger
                    configuration.schemaAgreementTimeout = .seconds(30)
                }),
            ormOptions: .init(createKeyspace: true, migration: .safe))
        // The driver's own swift-metrics handles (requests, errors, retries, latency,
        // connections) are made while connecting; bind them to the collector for this task
        // tree only, rather than bootstrapping the process-wide metrics system.
        let collector = monitoring.collector
        try await withMetricsFactory(collector) { try await client.connect() }
        do {
            let session = try client.driver
            let store = try EventStore(session: session, keyspace: keyspace)
            try await store.createSchema()
            let changes = try ChangeLog(
                session: session, keyspace: keyspace, bucketWidth: settings.bucketWidth, retention: settings.retention)
            try await changes.createSchema()
            let customers = try await CustomerService(client: client, changes: changes)
            let products = try await ProductService(client: client, changes: changes)
            let projection = try await OrderProjection(client: client, store: store, changes: changes)
            let notifications = try await NotificationService(
                client: client, changes: changes, customers: customers, products: products, settings: settings)
            // An order has at most three events after `placed`, so loads replay the stream; no snapshots.
            let repository = AggregateRepository<Order>(store: store, registry: OrderEvent.registry)
            let stock = try StockReservations(store: store, repository: repository, products: products)
            let orders = OrderService(
                repository: repository, sagas: SagaRunner(store: store), products: products, customers: customers,
                projection: projection, stock: stock, logger: logger)
            let recommendations = try await RecommendationService(
                session: session, keyspace: keyspace, changes: changes, products: products, storage: vectorStorage, settings: settings)
            let graphQL = try GraphQLService(
                customers: customers, products: products, orders: orders,
                extensions: [RecommendationGraphQL.make(recommendations: recommendations)])
            let stockEvents = try await stock.catchUpAll()
            let projected = try await projection.catchUpAll()
            logger.info("schema ready", metadata: [
                "keyspace": "\(keyspace)", "projected_events": "\(projected)", "stock_events": "\(stockEvents)",
            ])
            monitoring.start(session: session, logger: logger)
            notifications.start(logger: logger)
            recommendations.start(logger: logger)
            return ECommercePlatform(
                client: client, session: session, eventStore: store, customers: customers, products: products, orders: orders,
                monitoring: monitoring, notifications: notifications,
                recommendations: recommendations, graphQL: graphQL, logger: logger)
        } catch {
            try? await client.close()
            throw error
        }
    }

    /// The HTTP routes of every area, with the error and metrics middleware.
    /// - Returns: the router.
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: HTTPMetricsMiddleware(collector: monitoring.collector))
        router.add(middleware: ErrorMiddleware())
        CustomerRoutes(customers: customers, orders: orders).register(on: router)
        ProductRoutes(products: products).register(on: router)
        OrderRoutes(orders: orders).register(on: router)
        NotificationRoutes(notifications: notifications).register(on: router)
        RecommendationRoutes(recommendations: recommendations).register(on: router)
        GraphQLRoutes(graphQL: graphQL).register(on: router)
        DashboardRoutes(
            monitoring: monitoring, session: session, subscriptions: notifications.subscriptions + [recommendations.indexer]
        ).register(on: router)
        return router
    }

    /// Stops the notification subscriptions (releasing their leases) and monitoring, and
    /// closes the session.
    /// - Throws: when closing the session fails.
    public func close() async throws {
        await notifications.stop()
        await recommendations.stop()
        await monitoring.stop()
        try await client.close()
    }
}
