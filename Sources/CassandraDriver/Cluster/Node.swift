#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol

/// One Cassandra node as the driver knows it from `system.local` / `system.peers`.
///
/// A value: a change of state or topology produces a new ``Node`` inside a new
/// ``ClusterSnapshot``. Policies compare nodes by ``id``, never by endpoint, because a node
/// keeps its node id when its address changes.
public struct Node: Sendable, Hashable, Identifiable, CustomStringConvertible {
    /// Whether the driver currently considers the node reachable.
    public enum State: Sendable, Hashable {
        /// The node accepts connections; load balancing may pick it.
        case up
        /// The node is unreachable; load balancing skips it until it comes back up.
        case down
    }

    /// The node's `host_id`.
    public var id: UUID
    /// The address and native-protocol port the driver connects to.
    public var endpoint: CQLInetEndpoint
    /// The node's datacenter, `nil` when the node did not report one.
    public var datacenter: String?
    /// The node's rack, `nil` when the node did not report one.
    public var rack: String?
    /// The node's tokens on the Murmur3 ring (one per vnode).
    public var tokens: [Int64]
    /// The node's Cassandra `release_version`, e.g. `4.1.3`.
    public var releaseVersion: String?
    /// Whether the node is up or down.
    public var state: State

    /// Creates a node.
    /// - Parameters:
    ///   - id: the node's `host_id`.
    ///   - endpoint: where to connect.
    ///   - datacenter: the node's datacenter, if known.
    ///   - rack: the node's rack, if known.
    ///   - tokens: the node's ring tokens.
    ///   - releaseVersion: the node's Cassandra version, if known.
    ///   - state: the initial state; `.up` by default.
    public init(
        id: UUID,
        endpoint: CQLInetEndpoint,
        datacenter: String? = nil,
        rack: String? = nil,
        tokens: [Int64] = [],
        releaseVersion: String? = nil,
        state: State = .up
    ) {
        self.id = id
        self.endpoint = endpoint
        self.datacenter = datacenter
        self.rack = rack
        self.tokens = tokens
        self.releaseVersion = releaseVersion
        self.state = state
    }

    /// Whether ``state`` is ``State/up``.
    public var isUp: Bool { state == .up }

    /// `endpoint (datacenter/rack)`, for logs.
    public var description: String {
        "\(endpoint) (\(datacenter ?? "?")/\(rack ?? "?"))"
    }
}
