import CQLProtocol
import Synchronization

/// Round-robin over the local datacenter's hosts, then, optionally, a few hosts of each
/// remote datacenter.
///
/// Each plan starts one host further along the local datacenter's host list than the plan
/// before it, so consecutive requests spread over all local hosts. Down hosts are skipped.
/// After the local hosts come up to ``usedHostsPerRemoteDatacenter`` up hosts of every
/// other datacenter (datacenters in name order, each rotated the same way), except for
/// requests at a `LOCAL_*` consistency unless
/// ``allowsRemoteDatacentersForLocalConsistency`` is set, since a remote coordinator
/// would apply `LOCAL_*` to its own datacenter.
///
/// Hosts that report no datacenter count as local, as in the DataStax drivers.
///
/// The rotation counter is the policy's only state, a relaxed atomic: plans are built
/// concurrently without locks and the exact interleaving of starting points does not
/// matter.
public final class DCAwareRoundRobinPolicy: LoadBalancingPolicy {
    /// The datacenter whose hosts are tried first.
    public let localDatacenter: String
    /// How many up hosts of each remote datacenter a plan ends with; 0 keeps requests in
    /// the local datacenter.
    public let usedHostsPerRemoteDatacenter: Int
    /// Whether requests at `LOCAL_ONE`, `LOCAL_QUORUM` or `LOCAL_SERIAL` may fail over to
    /// remote datacenters.
    public let allowsRemoteDatacentersForLocalConsistency: Bool

    private let counter = Atomic<Int>(0)

    /// Creates the policy.
    /// - Parameters:
    ///   - localDatacenter: the datacenter to prefer; it must match a host's datacenter
    ///     exactly, or plans hold only remote hosts (or none).
    ///   - usedHostsPerRemoteDatacenter: remote hosts per datacenter at the end of a plan.
    ///   - allowsRemoteDatacentersForLocalConsistency: whether `LOCAL_*` requests may use
    ///     remote hosts.
    public init(
        localDatacenter: String,
        usedHostsPerRemoteDatacenter: Int = 0,
        allowsRemoteDatacentersForLocalConsistency: Bool = false
    ) {
        self.localDatacenter = localDatacenter
        self.usedHostsPerRemoteDatacenter = max(0, usedHostsPerRemoteDatacenter)
        self.allowsRemoteDatacentersForLocalConsistency = allowsRemoteDatacentersForLocalConsistency
    }

    /// Local up hosts starting one further than the previous plan, then remote up hosts.
    /// - Parameters:
    ///   - request: the request; only its consistency matters here.
    ///   - cluster: the current cluster view.
    /// - Returns: a lazy plan.
    public func plan(for request: RoutingInfo, in cluster: ClusterSnapshot) -> QueryPlan {
        let rotation = counter.wrappingAdd(1, ordering: .relaxed).oldValue
        var local = cluster.hosts(inDatacenter: localDatacenter)
        let withoutDatacenter = cluster.hosts(inDatacenter: nil)
        if !withoutDatacenter.isEmpty { local += withoutDatacenter }
        var remote: [[Host]] = []
        if usedHostsPerRemoteDatacenter > 0 && (allowsRemoteDatacentersForLocalConsistency || !request.consistency.isDatacenterLocal) {
            for datacenter in cluster.datacenters where datacenter != localDatacenter {
                remote.append(cluster.hosts(inDatacenter: datacenter))
            }
        }
        return QueryPlan(Plan(local: local, remote: remote, remoteLimit: usedHostsPerRemoteDatacenter, rotation: rotation))
    }

    /// ``HostDistance/local`` for hosts of the local datacenter (or with none),
    /// ``HostDistance/remote`` for other hosts when remote hosts are used, otherwise
    /// ``HostDistance/ignored``.
    /// - Parameters:
    ///   - host: the host.
    ///   - cluster: the current cluster view (unused: distance depends on the host alone).
    public func distance(to host: Host, in cluster: ClusterSnapshot) -> HostDistance {
        guard let datacenter = host.datacenter, datacenter != localDatacenter else { return .local }
        return usedHostsPerRemoteDatacenter > 0 ? .remote : .ignored
    }

    /// The lazy sequence behind a plan: rotated local up hosts, then the first
    /// `remoteLimit` rotated up hosts of each remote datacenter.
    private struct Plan: Sequence, IteratorProtocol, Sendable {
        let local: [Host]
        let remote: [[Host]]
        let remoteLimit: Int
        let rotation: Int

        private var group = -1
        private var step = 0
        private var takenFromGroup = 0

        init(local: [Host], remote: [[Host]], remoteLimit: Int, rotation: Int) {
            self.local = local
            self.remote = remote
            self.remoteLimit = remoteLimit
            self.rotation = rotation
        }

        mutating func next() -> Host? {
            while true {
                let hosts = group < 0 ? local : remote[group]
                let limit = group < 0 ? Int.max : remoteLimit
                if step < hosts.count && takenFromGroup < limit {
                    let host = hosts[Int(UInt(bitPattern: rotation &+ step) % UInt(hosts.count))]
                    step += 1
                    if host.isUp {
                        takenFromGroup += 1
                        return host
                    }
                    continue
                }
                guard group + 1 < remote.count else { return nil }
                group += 1
                step = 0
                takenFromGroup = 0
            }
        }
    }
}

extension Consistency {
    /// Whether the level is evaluated within the coordinator's datacenter only.
    fileprivate var isDatacenterLocal: Bool {
        self == .localOne || self == .localQuorum || self == .localSerial
    }
}
