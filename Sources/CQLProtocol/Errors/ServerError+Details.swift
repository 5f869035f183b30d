extension ServerError {
    /// The structured fields that follow the message for some codes (native_protocol_v4.spec §9).
    ///
    /// Protocol v4 carries only a failure *count* for Read_failure and Write_failure
    /// (`<numfailures>` is an `[int]`); the per-endpoint reason map is a protocol v5 addition.
    public enum Details: Sendable, Hashable {
        /// 0x1000: `<cl><required><alive>`.
        case unavailable(consistency: Consistency, required: Int32, alive: Int32)
        /// 0x1100: `<cl><received><blockfor><writeType>`.
        case writeTimeout(consistency: Consistency, received: Int32, blockFor: Int32, writeType: WriteType)
        /// 0x1200: `<cl><received><blockfor><data_present>`.
        case readTimeout(consistency: Consistency, received: Int32, blockFor: Int32, dataPresent: Bool)
        /// 0x1300: `<cl><received><blockfor><numfailures><data_present>`.
        case readFailure(consistency: Consistency, received: Int32, blockFor: Int32, numFailures: Int32, dataPresent: Bool)
        /// 0x1400: `<keyspace><function><arg_types>`.
        case functionFailure(keyspace: String, function: String, argTypes: [String])
        /// 0x1500: `<cl><received><blockfor><numfailures><write_type>`.
        case writeFailure(consistency: Consistency, received: Int32, blockFor: Int32, numFailures: Int32, writeType: WriteType)
        /// 0x2400: `<ks><table>`; `table` is empty when a keyspace already exists.
        case alreadyExists(keyspace: String, table: String)
        /// 0x2500: the unknown prepared id as `[short bytes]`.
        case unprepared(id: [UInt8])

        /// The error code these fields belong to.
        public var code: Code {
            switch self {
            case .unavailable: .unavailable
            case .writeTimeout: .writeTimeout
            case .readTimeout: .readTimeout
            case .readFailure: .readFailure
            case .functionFailure: .functionFailure
            case .writeFailure: .writeFailure
            case .alreadyExists: .alreadyExists
            case .unprepared: .unprepared
            }
        }
    }

    /// The kind of write that timed out or failed (`<writeType>` in native_protocol_v4.spec §9).
    /// Extensible: servers send values beyond the spec's list (Cassandra also sends `CAS`, `VIEW`
    /// and `CDC`), and unknown values are kept as they are.
    public struct WriteType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The `[string]` on the wire.
        public let rawValue: String
        /// Creates a write type from its wire name.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// `SIMPLE`: a non-batched, non-counter write.
        public static let simple = WriteType(rawValue: "SIMPLE")
        /// `BATCH`: a logged batch whose batch log was written.
        public static let batch = WriteType(rawValue: "BATCH")
        /// `UNLOGGED_BATCH`: an unlogged batch.
        public static let unloggedBatch = WriteType(rawValue: "UNLOGGED_BATCH")
        /// `COUNTER`: a counter write, batched or not.
        public static let counter = WriteType(rawValue: "COUNTER")
        /// `BATCH_LOG`: the write to the batch log itself.
        public static let batchLog = WriteType(rawValue: "BATCH_LOG")
        /// `CAS`: the Paxos phase of a lightweight transaction (sent by Cassandra, not listed in the v4 spec).
        public static let cas = WriteType(rawValue: "CAS")

        /// The wire name.
        public var description: String { rawValue }
    }
}
