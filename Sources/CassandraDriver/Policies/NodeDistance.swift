/// How a load-balancing policy ranks a node, which also tells the driver whether to keep
/// connections to it.
public enum NodeDistance: Sendable, Hashable {
    /// In the local datacenter: preferred, and pooled.
    case local
    /// In another datacenter: used when local nodes fail, and pooled.
    case remote
    /// Never used by this policy; the driver keeps no pool to it.
    case ignored
}
