extension RequestMessage {
    /// `<query_parameters>` shared by QUERY and EXECUTE (native_protocol_v4.spec §4.1.4):
    /// `<consistency><flags>[<n>[name_1]<value_1>...][<result_page_size>][<paging_state>][<serial_consistency>][<timestamp>]`.
    ///
    /// The flags byte is derived from which optional fields are set, so a value always encodes
    /// consistently; decoding sets the fields the flags announce.
    public struct QueryParameters: Sendable, Hashable {
        /// The `<flags>` byte (native_protocol_v4.spec §4.1.4).
        public struct Flags: OptionSet, Sendable, Hashable {
            /// The raw bits.
            public var rawValue: UInt8
            /// Creates flags from raw bits.
            public init(rawValue: UInt8) { self.rawValue = rawValue }

            /// 0x01 Values: `<n>` then `<n>` `[value]`s follow.
            public static let values = Flags(rawValue: 0x01)
            /// 0x02 Skip_metadata: the Rows result omits column metadata.
            public static let skipMetadata = Flags(rawValue: 0x02)
            /// 0x04 Page_size: an `[int]` page size follows.
            public static let pageSize = Flags(rawValue: 0x04)
            /// 0x08 With_paging_state: a `[bytes]` paging state follows.
            public static let withPagingState = Flags(rawValue: 0x08)
            /// 0x10 With serial consistency: a `[consistency]` follows.
            public static let withSerialConsistency = Flags(rawValue: 0x10)
            /// 0x20 With default timestamp: a `[long]` timestamp in microseconds follows.
            public static let withDefaultTimestamp = Flags(rawValue: 0x20)
            /// 0x40 With names for values: each value is preceded by a `[string]` name.
            public static let withNamesForValues = Flags(rawValue: 0x40)

            /// Every bit protocol v4 defines.
            public static let all: Flags = [.values, .skipMetadata, .pageSize, .withPagingState,
                                            .withSerialConsistency, .withDefaultTimestamp, .withNamesForValues]
        }

        /// The consistency level of the operation.
        public var consistency: Consistency
        /// The bound values; `nil` leaves the Values flag unset.
        public var values: BoundValues?
        /// Asks the server to omit result metadata (Skip_metadata).
        public var skipMetadata: Bool
        /// The desired page size in rows, if paging.
        public var pageSize: Int32?
        /// The paging state returned by the previous page.
        public var pagingState: [UInt8]?
        /// The serial consistency for conditional updates (SERIAL or LOCAL_SERIAL).
        public var serialConsistency: Consistency?
        /// The default timestamp in microseconds since the epoch.
        public var defaultTimestamp: Int64?

        /// Creates query parameters.
        public init(
            consistency: Consistency, values: BoundValues? = nil, skipMetadata: Bool = false,
            pageSize: Int32? = nil, pagingState: [UInt8]? = nil,
            serialConsistency: Consistency? = nil, defaultTimestamp: Int64? = nil
        ) {
            self.consistency = consistency
            self.values = values
            self.skipMetadata = skipMetadata
            self.pageSize = pageSize
            self.pagingState = pagingState
            self.serialConsistency = serialConsistency
            self.defaultTimestamp = defaultTimestamp
        }

        /// The flags this value encodes with.
        public var flags: Flags {
            var flags: Flags = []
            if let values {
                flags.insert(.values)
                if values.isNamed { flags.insert(.withNamesForValues) }
            }
            if skipMetadata { flags.insert(.skipMetadata) }
            if pageSize != nil { flags.insert(.pageSize) }
            if pagingState != nil { flags.insert(.withPagingState) }
            if serialConsistency != nil { flags.insert(.withSerialConsistency) }
            if defaultTimestamp != nil { flags.insert(.withDefaultTimestamp) }
            return flags
        }

        /// Writes `<query_parameters>` (native_protocol_v4.spec §4.1.4).
        public func encode(into buffer: inout CQLBuffer) {
            buffer.writeConsistency(consistency)
            buffer.writeByte(flags.rawValue)
            values?.encode(into: &buffer)
            if let pageSize { buffer.writeInt(pageSize) }
            if let pagingState { buffer.writeBytes(pagingState) }
            if let serialConsistency { buffer.writeConsistency(serialConsistency) }
            if let defaultTimestamp { buffer.writeLong(defaultTimestamp) }
        }

        /// Reads `<query_parameters>` (native_protocol_v4.spec §4.1.4).
        ///
        /// The names flag (0x40) without the values flag is ignored, as the spec says. A null
        /// paging state is read as no paging state.
        /// - Throws: ``CQLProtocolError`` when the bytes are truncated, a flag bit outside
        ///   0x01...0x40 is set, or a consistency or value length is invalid.
        public static func decode(from buffer: inout CQLBuffer) throws(CQLProtocolError) -> QueryParameters {
            let consistency = try buffer.readConsistency()
            let flags = Flags(rawValue: try buffer.readFlagsByte(allowed: Flags.all.rawValue, "query flags"))
            var parameters = QueryParameters(consistency: consistency, skipMetadata: flags.contains(.skipMetadata))
            if flags.contains(.values) {
                parameters.values = try BoundValues.decode(named: flags.contains(.withNamesForValues), from: &buffer)
            }
            if flags.contains(.pageSize) { parameters.pageSize = try buffer.readInt() }
            if flags.contains(.withPagingState) { parameters.pagingState = try buffer.readBytes() }
            if flags.contains(.withSerialConsistency) { parameters.serialConsistency = try buffer.readConsistency() }
            if flags.contains(.withDefaultTimestamp) { parameters.defaultTimestamp = try buffer.readLong() }
            return parameters
        }
    }
}
