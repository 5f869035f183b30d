/// A consistency level, `[consistency]` in native_protocol_v4.spec §3.
public enum Consistency: UInt16, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// ANY (writes only).
    case any = 0x0000
    /// ONE.
    case one = 0x0001
    /// TWO.
    case two = 0x0002
    /// THREE.
    case three = 0x0003
    /// QUORUM.
    case quorum = 0x0004
    /// ALL.
    case all = 0x0005
    /// LOCAL_QUORUM.
    case localQuorum = 0x0006
    /// EACH_QUORUM.
    case eachQuorum = 0x0007
    /// SERIAL (lightweight transactions).
    case serial = 0x0008
    /// LOCAL_SERIAL (lightweight transactions within the local datacenter).
    case localSerial = 0x0009
    /// LOCAL_ONE.
    case localOne = 0x000A

    /// The name Cassandra uses in messages, e.g. `LOCAL_QUORUM`.
    public var description: String {
        switch self {
        case .any: "ANY"
        case .one: "ONE"
        case .two: "TWO"
        case .three: "THREE"
        case .quorum: "QUORUM"
        case .all: "ALL"
        case .localQuorum: "LOCAL_QUORUM"
        case .eachQuorum: "EACH_QUORUM"
        case .serial: "SERIAL"
        case .localSerial: "LOCAL_SERIAL"
        case .localOne: "LOCAL_ONE"
        }
    }

    /// Whether this is a serial consistency (SERIAL or LOCAL_SERIAL).
    public var isSerial: Bool { self == .serial || self == .localSerial }
}
