/// How a keyspace places replicas, parsed from `system_schema.keyspaces.replication`.
///
/// The replication column is a string map such as
/// `{'class': 'org.apache.cassandra.locator.SimpleStrategy', 'replication_factor': '3'}` or
/// `{'class': 'NetworkTopologyStrategy', 'dc1': '3', 'dc2': '2'}`. Class names are accepted
/// fully qualified or short. A replication factor written as `full/transient` (Cassandra 4
/// transient replication, e.g. `'3/1'`) counts all its replicas, the transient ones
/// included, because they all own the data for routing purposes.
public enum ReplicationStrategy: Sendable, Hashable {
    /// `SimpleStrategy`: the next `replicationFactor` distinct nodes clockwise on the ring.
    case simple(replicationFactor: Int)
    /// `NetworkTopologyStrategy`: a replication factor per datacenter, placed rack-aware.
    case networkTopology(replicationFactors: [String: Int])
    /// `LocalStrategy` (system keyspaces): each node holds its own data, so no node is a
    /// replica of a token for routing purposes.
    case local
    /// `EverywhereStrategy` (DSE): every node is a replica.
    case everywhere
    /// A strategy this driver cannot place replicas for, or a map it could not parse.
    /// Token-aware routing falls back to the child policy for such keyspaces.
    case other(className: String, options: [String: String])

    /// Parses a `system_schema.keyspaces.replication` map.
    /// - Parameter replication: the map, including its `class` entry.
    /// - Returns: the strategy; ``other(className:options:)`` for an unknown class, a
    ///   missing `class`, or replication factors that are not numbers.
    public init(replication: [String: String]) {
        let className = replication["class"] ?? ""
        var options = replication
        options["class"] = nil
        let shortName = className.split(separator: ".").last.map(String.init) ?? className
        switch shortName {
        case "SimpleStrategy":
            if let text = options["replication_factor"], let factor = Self.parseFactor(text) {
                self = .simple(replicationFactor: factor)
                return
            }
        case "NetworkTopologyStrategy":
            var factors: [String: Int] = [:]
            var valid = true
            for (datacenter, text) in options where datacenter != "replication_factor" {
                guard let factor = Self.parseFactor(text) else { valid = false; break }
                factors[datacenter] = factor
            }
            if valid {
                self = .networkTopology(replicationFactors: factors)
                return
            }
        case "LocalStrategy":
            self = .local
            return
        case "EverywhereStrategy":
            self = .everywhere
            return
        default:
            break
        }
        self = .other(className: className, options: options)
    }

    /// Parses `3` or `3/1` (all replicas / transient replicas) into the total count.
    private static func parseFactor(_ text: String) -> Int? {
        let total = text.split(separator: "/", maxSplits: 1).first.map(String.init) ?? text
        guard let value = Int(total.filter { $0 != " " }), value >= 0 else { return nil }
        return value
    }
}
