import XCTest
@testable import CassandraDriver

final class ReplicationStrategyTests: XCTestCase {
    func testSimpleStrategyFullyQualifiedAndShort() {
        XCTAssertEqual(
            ReplicationStrategy(replication: ["class": "org.apache.cassandra.locator.SimpleStrategy", "replication_factor": "3"]),
            .simple(replicationFactor: 3)
        )
        XCTAssertEqual(ReplicationStrategy(replication: ["class": "SimpleStrategy", "replication_factor": "1"]), .simple(replicationFactor: 1))
    }

    func testNetworkTopologyStrategy() {
        XCTAssertEqual(
            ReplicationStrategy(replication: ["class": "org.apache.cassandra.locator.NetworkTopologyStrategy", "dc1": "3", "dc2": "2"]),
            .networkTopology(replicationFactors: ["dc1": 3, "dc2": 2])
        )
    }

    func testTransientReplicationCountsAllReplicas() {
        XCTAssertEqual(
            ReplicationStrategy(replication: ["class": "NetworkTopologyStrategy", "dc1": "3/1"]),
            .networkTopology(replicationFactors: ["dc1": 3])
        )
    }

    func testLocalAndEverywhere() {
        XCTAssertEqual(ReplicationStrategy(replication: ["class": "org.apache.cassandra.locator.LocalStrategy"]), .local)
        XCTAssertEqual(ReplicationStrategy(replication: ["class": "org.apache.cassandra.locator.EverywhereStrategy"]), .everywhere)
    }

    func testUnknownOrMalformedBecomesOther() {
        XCTAssertEqual(
            ReplicationStrategy(replication: ["class": "com.example.MyStrategy", "x": "1"]),
            .other(className: "com.example.MyStrategy", options: ["x": "1"])
        )
        XCTAssertEqual(
            ReplicationStrategy(replication: ["class": "SimpleStrategy", "replication_factor": "three"]),
            .other(className: "SimpleStrategy", options: ["replication_factor": "three"])
        )
        XCTAssertEqual(
            ReplicationStrategy(replication: ["class": "SimpleStrategy"]),
            .other(className: "SimpleStrategy", options: [:])
        )
        XCTAssertEqual(
            ReplicationStrategy(replication: ["class": "NetworkTopologyStrategy", "dc1": "-1"]),
            .other(className: "NetworkTopologyStrategy", options: ["dc1": "-1"])
        )
        XCTAssertEqual(ReplicationStrategy(replication: [:]), .other(className: "", options: [:]))
    }
}
