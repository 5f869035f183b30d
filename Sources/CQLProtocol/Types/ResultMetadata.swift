/// The `<metadata>` of a Rows result, and the `<result_metadata>` of a Prepared result
/// (native_protocol_v4.spec §4.2.5.2):
/// `<flags><columns_count>[<paging_state>][<global_table_spec>?<col_spec_1>...<col_spec_n>]`.
///
/// The flags are derived from the fields: Has_more_pages from ``pagingState``, No_metadata
/// from ``columns`` being `nil`, Global_tables_spec from ``globalTableSpec``.
public struct ResultMetadata: Sendable, Hashable {
    /// The `<flags>` `[int]` (native_protocol_v4.spec §4.2.5.2).
    public struct Flags: OptionSet, Sendable, Hashable {
        /// The raw bits.
        public var rawValue: Int32
        /// Creates flags from raw bits.
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// 0x0001 Global_tables_spec: one table spec for all columns.
        public static let globalTablesSpec = Flags(rawValue: 0x0001)
        /// 0x0002 Has_more_pages: a paging state follows.
        public static let hasMorePages = Flags(rawValue: 0x0002)
        /// 0x0004 No_metadata: no table or column specs follow.
        public static let noMetadata = Flags(rawValue: 0x0004)
        /// Every bit protocol v4 defines.
        public static let all: Flags = [.globalTablesSpec, .hasMorePages, .noMetadata]
    }

    /// The number of columns in each row; equals `columns.count` when columns are present.
    public let columnCount: Int
    /// The paging state for the next page; `nil` on the last page.
    public var pagingState: [UInt8]?
    /// The column specs; `nil` when the result was requested with Skip_metadata (No_metadata).
    public let columns: [ColumnSpec]?
    /// The single table spec written for all columns, if the Global_tables_spec flag is used.
    public let globalTableSpec: TableSpec?

    /// Creates metadata with column specs. A global table spec is used when every column
    /// belongs to the same table, as Cassandra does.
    public init(columns: [ColumnSpec], pagingState: [UInt8]? = nil) {
        self.columnCount = columns.count
        self.pagingState = pagingState
        self.columns = columns
        self.globalTableSpec = Self.commonTableSpec(of: columns)
    }

    /// Creates metadata with column specs and an explicit choice of global table spec.
    /// - Precondition: when `globalTableSpec` is set, every column belongs to that table.
    public init(columns: [ColumnSpec], globalTableSpec: TableSpec?, pagingState: [UInt8]? = nil) {
        precondition(globalTableSpec.map { global in columns.allSatisfy { $0.tableSpec == global } } ?? true,
                     "every column must belong to the global table spec")
        self.columnCount = columns.count
        self.pagingState = pagingState
        self.columns = columns
        self.globalTableSpec = globalTableSpec
    }

    /// Creates No_metadata metadata: only the column count (and paging state).
    public init(noMetadataColumnCount columnCount: Int, pagingState: [UInt8]? = nil) {
        precondition(columnCount >= 0 && columnCount <= Int(Int32.max), "column count outside [int] range")
        self.columnCount = columnCount
        self.pagingState = pagingState
        self.columns = nil
        self.globalTableSpec = nil
    }

    /// Empty metadata with No_metadata and 0 columns, as sent for non-SELECT prepared statements.
    public static let empty = ResultMetadata(noMetadataColumnCount: 0)

    /// The flags this value encodes with.
    public var flags: Flags {
        var flags: Flags = []
        if columns == nil { flags.insert(.noMetadata) } else if globalTableSpec != nil { flags.insert(.globalTablesSpec) }
        if pagingState != nil { flags.insert(.hasMorePages) }
        return flags
    }

    /// Writes `<metadata>` (native_protocol_v4.spec §4.2.5.2).
    public func encode(into buffer: inout CQLBuffer) {
        buffer.writeInt(flags.rawValue)
        buffer.writeInt(Int32(columnCount))
        if let pagingState { buffer.writeBytes(pagingState) }
        if let columns { buffer.writeColumnSpecs(columns, global: globalTableSpec) }
    }

    /// Reads `<metadata>` (native_protocol_v4.spec §4.2.5.2). With No_metadata set, a
    /// Global_tables_spec bit is ignored since no table spec follows.
    /// - Throws: ``CQLProtocolError`` when truncated, when undefined flag bits are set, when the
    ///   column count is negative, or when Has_more_pages comes with a null paging state.
    public static func decode(from buffer: inout CQLBuffer) throws(CQLProtocolError) -> ResultMetadata {
        let flags = Flags(rawValue: try buffer.readFlagsInt(allowed: Flags.all.rawValue, "result metadata flags"))
        let columnCount = try buffer.readCount("column count")
        var pagingState: [UInt8]?
        if flags.contains(.hasMorePages) {
            let offset = buffer.readerIndex
            guard let state = try buffer.readBytes() else {
                throw CQLProtocolError(.invalidValue, "Has_more_pages is set but the paging state is null", offset: offset)
            }
            pagingState = state
        }
        if flags.contains(.noMetadata) {
            return ResultMetadata(noMetadataColumnCount: columnCount, pagingState: pagingState)
        }
        let (global, columns) = try buffer.readColumnSpecs(count: columnCount, hasGlobal: flags.contains(.globalTablesSpec))
        return ResultMetadata(columns: columns, globalTableSpec: global, pagingState: pagingState)
    }
}
