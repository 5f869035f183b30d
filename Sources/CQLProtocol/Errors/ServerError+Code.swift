extension ServerError {
    /// An ERROR code (native_protocol_v4.spec §9). Extensible: a code this library does not
    /// know decodes to a `Code` with that raw value, and callers switch with a `default` branch.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The `[int]` code on the wire.
        public let rawValue: Int32

        /// Creates a code from its wire value.
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// 0x0000 Server error: a server-side bug.
        public static let serverError = Code(rawValue: 0x0000)
        /// 0x000A Protocol error: a client message violated the protocol.
        public static let protocolError = Code(rawValue: 0x000A)
        /// 0x0100 Authentication error: authentication was required and failed.
        public static let authenticationError = Code(rawValue: 0x0100)
        /// 0x1000 Unavailable: not enough replicas alive for the consistency level.
        public static let unavailable = Code(rawValue: 0x1000)
        /// 0x1001 Overloaded: the coordinator is overloaded.
        public static let overloaded = Code(rawValue: 0x1001)
        /// 0x1002 Is_bootstrapping: the coordinator is bootstrapping.
        public static let isBootstrapping = Code(rawValue: 0x1002)
        /// 0x1003 Truncate_error: a truncation failed.
        public static let truncateError = Code(rawValue: 0x1003)
        /// 0x1100 Write_timeout: a write timed out.
        public static let writeTimeout = Code(rawValue: 0x1100)
        /// 0x1200 Read_timeout: a read timed out.
        public static let readTimeout = Code(rawValue: 0x1200)
        /// 0x1300 Read_failure: a read failed on a replica (not a timeout).
        public static let readFailure = Code(rawValue: 0x1300)
        /// 0x1400 Function_failure: a user-defined function failed.
        public static let functionFailure = Code(rawValue: 0x1400)
        /// 0x1500 Write_failure: a write failed on a replica (not a timeout).
        public static let writeFailure = Code(rawValue: 0x1500)
        /// 0x2000 Syntax_error: the query does not parse.
        public static let syntaxError = Code(rawValue: 0x2000)
        /// 0x2100 Unauthorized: the user lacks a permission.
        public static let unauthorized = Code(rawValue: 0x2100)
        /// 0x2200 Invalid: the query parses but is invalid.
        public static let invalid = Code(rawValue: 0x2200)
        /// 0x2300 Config_error: the query conflicts with the configuration.
        public static let configError = Code(rawValue: 0x2300)
        /// 0x2400 Already_exists: the keyspace or table already exists.
        public static let alreadyExists = Code(rawValue: 0x2400)
        /// 0x2500 Unprepared: the prepared statement id is unknown to this node; re-prepare it.
        public static let unprepared = Code(rawValue: 0x2500)

        /// Every code defined by native_protocol_v4.spec §9.
        public static let allDefined: [Code] = [
            .serverError, .protocolError, .authenticationError, .unavailable, .overloaded, .isBootstrapping,
            .truncateError, .writeTimeout, .readTimeout, .readFailure, .functionFailure, .writeFailure,
            .syntaxError, .unauthorized, .invalid, .configError, .alreadyExists, .unprepared,
        ]

        /// Whether the spec defines extra fields after the message for this code.
        public var hasDetails: Bool {
            switch self {
            case .unavailable, .writeTimeout, .readTimeout, .readFailure, .functionFailure,
                 .writeFailure, .alreadyExists, .unprepared: true
            default: false
            }
        }

        /// The spec's name, e.g. `Write_timeout`, or the hex value for unknown codes.
        public var description: String {
            switch self {
            case .serverError: "Server_error"
            case .protocolError: "Protocol_error"
            case .authenticationError: "Authentication_error"
            case .unavailable: "Unavailable"
            case .overloaded: "Overloaded"
            case .isBootstrapping: "Is_bootstrapping"
            case .truncateError: "Truncate_error"
            case .writeTimeout: "Write_timeout"
            case .readTimeout: "Read_timeout"
            case .readFailure: "Read_failure"
            case .functionFailure: "Function_failure"
            case .writeFailure: "Write_failure"
            case .syntaxError: "Syntax_error"
            case .unauthorized: "Unauthorized"
            case .invalid: "Invalid"
            case .configError: "Config_error"
            case .alreadyExists: "Already_exists"
            case .unprepared: "Unprepared"
            default: "0x" + String(UInt32(bitPattern: rawValue), radix: 16)
            }
        }
    }
}
