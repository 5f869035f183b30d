import CQLProtocol
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
@testable import CassandraDriver

/// Hand-built nodes for ring and policy tests.
enum Fixtures {
    /// A node whose id and address are derived from `number`, so tests can name nodes by it.
    static func node(
        _ number: UInt8,
        datacenter: String? = "dc1",
        rack: String? = "r1",
        tokens: [Int64] = [],
        state: Node.State = .up
    ) -> Node {
        Node(
            id: id(number),
            endpoint: CQLInetEndpoint(address: CQLInetAddress("10.0.0.\(number)")!, port: 9042),
            datacenter: datacenter,
            rack: rack,
            tokens: tokens,
            releaseVersion: "4.1.3",
            state: state
        )
    }

    /// The id of `node(number)`.
    static func id(_ number: UInt8) -> UUID {
        UUID(uuid: (0, 0, 0, 0, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, 0, number))
    }

    /// The numbers of nodes built with `node(_:)`, in order.
    static func numbers(_ nodes: some Sequence<Node>) -> [UInt8] {
        nodes.map { $0.id.uuid.15 }
    }

    /// The numbers of node ids, in order.
    static func numbers(_ ids: [UUID]) -> [UInt8] {
        ids.map { $0.uuid.15 }
    }
}

/// SplitMix64: a tiny seeded generator, so random tests replay exactly.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
