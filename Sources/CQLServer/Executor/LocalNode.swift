/// The identity the embedded server reports in `system.local`: a single node owning the
/// whole ring.
enum LocalNode {
    /// The datacenter name (Cassandra's default for SimpleSnitch).
    static let datacenter = "datacenter1"
    /// The rack name.
    static let rack = "rack1"
    /// The cluster name.
    static let clusterName = "CassandraORM Embedded"
    /// The Cassandra version whose behaviour the server follows (vector search is a 5.0 feature).
    static let releaseVersion = "5.0.2"
    /// The CQL version reported in SUPPORTED and `system.local`.
    static let cqlVersion = "3.4.7"
    /// The native protocol version.
    static let nativeProtocolVersion = "4"
    /// The partitioner.
    static let partitioner = "org.apache.cassandra.dht.Murmur3Partitioner"
}
