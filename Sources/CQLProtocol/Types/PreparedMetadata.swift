/// The `<metadata>` of a Prepared result: the bind markers of the statement
/// (native_protocol_v4.spec §4.2.5.4):
/// `<flags><columns_count><pk_count>[<pk_index_1>...<pk_index_n>][<global_table_spec>?<col_spec_1>...<col_spec_n>]`.
public struct PreparedMetadata: Sendable, Hashable {
    /// The `<flags>` `[int]`: only Global_tables_spec is defined here.
    public struct Flags: OptionSet, Sendable, Hashable {
        /// The raw bits.
        public var rawValue: Int32
        /// Creates flags from raw bits.
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// 0x0001 Global_tables_spec: one table spec for all bind markers.
        public static let globalTablesSpec = Flags(rawValue: 0x0001)
    }

    /// One spec per bind marker, in marker order.
    public let columns: [ResultMetadata.ColumnSpec]
    /// For each partition key column in order, the index of the bind marker that supplies it;
    /// empty when some partition key column has no plain marker (so no token-aware routing).
    public let partitionKeyIndexes: [UInt16]
    /// The single table spec written for all markers, if the Global_tables_spec flag is used.
    public let globalTableSpec: ResultMetadata.TableSpec?

    /// Creates prepared metadata. A global table spec is used when every marker belongs to the
    /// same table.
    public init(columns: [ResultMetadata.ColumnSpec], partitionKeyIndexes: [UInt16]) {
        self.columns = columns
        self.partitionKeyIndexes = partitionKeyIndexes
        self.globalTableSpec = ResultMetadata.commonTableSpec(of: columns)
    }

    /// Creates prepared metadata with an explicit choice of global table spec.
    /// - Precondition: when `globalTableSpec` is set, every column belongs to that table.
    public init(columns: [ResultMetadata.ColumnSpec], partitionKeyIndexes: [UInt16], globalTableSpec: ResultMetadata.TableSpec?) {
        precondition(globalTableSpec.map { global in columns.allSatisfy { $0.tableSpec == global } } ?? true,
                     "every column must belong to the global table spec")
        self.columns = columns
        self.partitionKeyIndexes = partitionKeyIndexes
        self.globalTableSpec = globalTableSpec
    }

    /// The flags this value encodes with.
    public var flags: Flags { globalTableSpec == nil ? [] : .globalTablesSpec }

    /// Writes the prepared `<metadata>` (native_protocol_v4.spec §4.2.5.4).
    public func encode(into buffer: inout CQLBuffer) {
        buffer.writeInt(flags.rawValue)
        buffer.writeInt(Int32(columns.count))
        buffer.writeInt(Int32(partitionKeyIndexes.count))
        for index in partitionKeyIndexes { buffer.writeShort(index) }
        buffer.writeColumnSpecs(columns, global: globalTableSpec)
    }

    /// Reads the prepared `<metadata>` (native_protocol_v4.spec §4.2.5.4).
    /// - Throws: ``CQLProtocolError`` when truncated, when undefined flag bits are set, or when a
    ///   count is negative.
    public static func decode(from buffer: inout CQLBuffer) throws(CQLProtocolError) -> PreparedMetadata {
        let flags = Flags(rawValue: try buffer.readFlagsInt(allowed: Flags.globalTablesSpec.rawValue, "prepared metadata flags"))
        let columnCount = try buffer.readCount("bind marker count")
        let keyCount = try buffer.readCount("partition key count")
        try buffer.requireReadable(keyCount * 2, "partition key indexes")
        var partitionKeyIndexes: [UInt16] = []
        partitionKeyIndexes.reserveCapacity(keyCount)  // bounded: the bytes were checked above
        for _ in 0..<keyCount { partitionKeyIndexes.append(try buffer.readShort()) }
        let (global, columns) = try buffer.readColumnSpecs(count: columnCount, hasGlobal: flags.contains(.globalTablesSpec))
        return PreparedMetadata(columns: columns, partitionKeyIndexes: partitionKeyIndexes, globalTableSpec: global)
    }
}
