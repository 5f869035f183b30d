// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "CassandraORM",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "CQLProtocol", targets: ["CQLProtocol"]),
        .library(name: "UVLoop", targets: ["UVLoop"]),
        .library(name: "CassandraDriver", targets: ["CassandraDriver"]),
        .library(name: "CQLServer", targets: ["CQLServer"]),
        .executable(name: "cql-server", targets: ["cql-server"]),
        .library(name: "CQLTesting", targets: ["CQLTesting"]),
        .library(name: "CassandraORM", targets: ["CassandraORM"]),
        .library(name: "CassandraMonitoring", targets: ["CassandraMonitoring"]),
        .library(name: "CassandraEventSourcing", targets: ["CassandraEventSourcing"]),
        .library(name: "CassandraSubscriptions", targets: ["CassandraSubscriptions"]),
        .library(name: "CassandraGraphQL", targets: ["CassandraGraphQL"]),
        .executable(name: "ecommerce", targets: ["ecommerce"]),
        .library(name: "CassandraVectorSearch", targets: ["CassandraVectorSearch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/GraphQLSwift/GraphQL", from: "4.3.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        .systemLibrary(name: "CLibUV", pkgConfig: "libuv", providers: [.apt(["libuv1-dev"]), .brew(["libuv"])]),
        .systemLibrary(name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"]), .brew(["lz4"])]),
        .target(name: "CQLProtocol", dependencies: ["CLZ4"], swiftSettings: swiftSettings),
        .target(name: "UVLoop", dependencies: ["CLibUV"], swiftSettings: swiftSettings),
        .target(
            name: "CassandraDriver",
            dependencies: [
                "CQLProtocol", "UVLoop",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings),
        .target(name: "CQLServer", dependencies: ["CQLProtocol", "UVLoop"], swiftSettings: swiftSettings),
        .executableTarget(name: "cql-server", dependencies: ["CQLServer"], swiftSettings: swiftSettings),
        .target(name: "CQLTesting", dependencies: ["CassandraDriver", "CQLServer"], swiftSettings: swiftSettings),
        .target(name: "CassandraORM", dependencies: ["CassandraDriver", "CQLProtocol"], swiftSettings: swiftSettings),
        .target(
            name: "CassandraMonitoring",
            dependencies: [
                "CassandraDriver",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings),
        .target(name: "CassandraEventSourcing", dependencies: ["CassandraDriver", "CQLProtocol"], swiftSettings: swiftSettings),
        .target(
            name: "CassandraSubscriptions", dependencies: ["CassandraORM", "CassandraDriver", "CQLProtocol"],
            swiftSettings: swiftSettings),
        .target(
            name: "CassandraGraphQL",
            dependencies: ["CassandraORM", "CassandraDriver", "CQLProtocol", .product(name: "GraphQL", package: "GraphQL")],
            swiftSettings: swiftSettings),
        .target(name: "CassandraVectorSearch", dependencies: ["CassandraDriver", "CQLProtocol"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CQLProtocolTests", dependencies: ["CQLProtocol"],
            exclude: ["Routing/generate_murmur3_vectors.py"], swiftSettings: swiftSettings),
        .testTarget(name: "UVLoopTests", dependencies: ["UVLoop"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CassandraDriverTests",
            dependencies: [
                "CassandraDriver", "UVLoop",
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(name: "CQLServerTests", dependencies: ["CQLServer", "CQLProtocol"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CassandraMonitoringTests",
            dependencies: [
                "CassandraMonitoring", "CassandraDriver", "CQLProtocol",
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(name: "CassandraORMTests", dependencies: ["CassandraORM", "CQLProtocol"], swiftSettings: swiftSettings),
        .testTarget(name: "CassandraEventSourcingTests", dependencies: ["CassandraEventSourcing"], swiftSettings: swiftSettings),
        .testTarget(name: "CassandraVectorSearchTests", dependencies: ["CassandraVectorSearch"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CassandraSubscriptionsTests", dependencies: ["CassandraSubscriptions", "CassandraORM"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CassandraGraphQLTests",
            dependencies: ["CassandraGraphQL", "CassandraORM", .product(name: "GraphQL", package: "GraphQL")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "CQLTesting", "CassandraDriver", "CQLProtocol", "CassandraORM", "CassandraMonitoring", "CassandraEventSourcing",
                "CassandraSubscriptions", "CassandraGraphQL", "CassandraVectorSearch", "UVLoop",
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "ECommerceApp",
            dependencies: [
                "CassandraDriver", "CQLProtocol", "CQLServer", "CassandraORM", "CassandraMonitoring", "CassandraEventSourcing",
                "CassandraSubscriptions", "CassandraGraphQL", "CassandraVectorSearch",
                .product(name: "GraphQL", package: "GraphQL"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            path: "Examples/ECommerce/Sources/ECommerceApp",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "ecommerce", dependencies: ["ECommerceApp", .product(name: "Logging", package: "swift-log")], path: "Examples/ECommerce/Sources/ecommerce",
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ECommerceTests",
            dependencies: [
                "ECommerceApp", "CQLTesting", "CassandraDriver", "CassandraMonitoring", "CassandraEventSourcing",
                "CassandraSubscriptions", "CassandraORM", "CQLProtocol", "CassandraVectorSearch",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "cql-bench",
            dependencies: ["CassandraDriver", .product(name: "Histogram", package: "hdrhistogram-swift")],
            path: "Benchmarks/CQLBench",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "orm-bench", dependencies: ["CassandraORM", "CassandraDriver", "CQLServer"], path: "Benchmarks/ORMBench",
            swiftSettings: swiftSettings),
    ],
    swiftLanguageModes: [.v6]
)
