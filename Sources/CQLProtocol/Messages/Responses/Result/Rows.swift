extension ResponseMessage.Result {
    /// A Rows result: `<metadata><rows_count><rows_content>` (native_protocol_v4.spec §4.2.5.2).
    ///
    /// Cells are raw `[bytes]` (`nil` is NULL) in row-major order; converting them to Swift
    /// values is the codecs' job. Decoding does not copy cell bytes: the result keeps a
    /// reference to the frame body's byte array and one 4-byte offset per cell, and
    /// ``subscript(row:column:)`` returns a slice of that array. Re-encoding copies
    /// `<rows_content>` in one block.
    ///
    /// Memory trade-off: a ``Rows`` keeps the whole frame body alive for as long as it lives;
    /// copy cells out (``value(row:column:)``) to keep a few values from a large page.
    public struct Rows: Sendable, Hashable {
        /// The column metadata and paging state.
        public let metadata: ResultMetadata
        /// The number of rows.
        public let rowCount: Int
        /// Bytes holding `<rows_content>` in wire form at `contentRange`.
        private let storage: [UInt8]
        /// `<rows_content>` within ``storage``.
        private let contentRange: Range<Int>
        /// For each cell, row-major, the offset in ``storage`` of its `[bytes]` length prefix.
        private let cellOffsets: [Int32]

        /// The number of columns in each row.
        public var columnCount: Int { metadata.columnCount }

        /// Creates rows from flat row-major cells.
        /// - Parameters:
        ///   - metadata: The metadata; its column count gives the row width.
        ///   - rowCount: The number of rows.
        ///   - values: `rowCount * metadata.columnCount` cells, row-major; `nil` is NULL.
        /// - Precondition: `0 <= rowCount <= Int32.max`, `values.count == rowCount * metadata.columnCount`
        ///   and the rows fit in 2 GiB (our own invariants; a frame is limited to 256 MiB anyway).
        public init(metadata: ResultMetadata, rowCount: Int, values: [[UInt8]?]) {
            precondition(rowCount >= 0 && rowCount <= Int(Int32.max), "row count outside [int] range")
            precondition(values.count == rowCount * metadata.columnCount, "values must hold rowCount × columnCount cells")
            var content = CQLBuffer(capacity: values.reduce(0) { $0 + 4 + ($1?.count ?? 0) })
            var offsets: [Int32] = []
            offsets.reserveCapacity(values.count)
            for value in values {
                precondition(content.writerIndex <= Int(Int32.max), "rows larger than 2 GiB")
                offsets.append(Int32(content.writerIndex))
                content.writeBytes(value)
            }
            self.metadata = metadata
            self.rowCount = rowCount
            self.storage = content.bytes
            self.contentRange = 0..<content.writerIndex
            self.cellOffsets = offsets
        }

        /// Creates rows from an array of rows.
        /// - Precondition: every row has `metadata.columnCount` cells.
        public init(metadata: ResultMetadata, rows: [[[UInt8]?]]) {
            precondition(rows.allSatisfy { $0.count == metadata.columnCount }, "every row must have columnCount cells")
            self.init(metadata: metadata, rowCount: rows.count, values: rows.flatMap { $0 })
        }

        /// The cell at `row`, `column` without copying: `nil` for NULL.
        /// - Precondition: `row < rowCount` and `column < columnCount`.
        public subscript(row row: Int, column column: Int) -> ArraySlice<UInt8>? {
            precondition(row >= 0 && row < rowCount && column >= 0 && column < columnCount, "cell index out of range")
            return cell(at: row * columnCount + column)
        }

        /// A copy of the cell at `row`, `column`: `nil` for NULL.
        /// - Precondition: `row < rowCount` and `column < columnCount`.
        public func value(row: Int, column: Int) -> [UInt8]? {
            self[row: row, column: column].map(Array.init)
        }

        /// Copies of every cell, row-major.
        public var values: [[UInt8]?] {
            (0..<cellOffsets.count).map { cell(at: $0).map(Array.init) }
        }

        private func cell(at index: Int) -> ArraySlice<UInt8>? {
            let offset = Int(cellOffsets[index])
            let length = Int32(bitPattern: UInt32(storage[offset]) << 24 | UInt32(storage[offset + 1]) << 16
                | UInt32(storage[offset + 2]) << 8 | UInt32(storage[offset + 3]))
            guard length >= 0 else { return nil }
            return storage[(offset + 4)..<(offset + 4 + Int(length))]
        }

        /// Writes the body after the kind (native_protocol_v4.spec §4.2.5.2).
        public func encode(into buffer: inout CQLBuffer) {
            metadata.encode(into: &buffer)
            buffer.writeInt(Int32(rowCount))
            buffer.writeRawBytes(storage[contentRange])
        }

        /// Reads the body after the kind (native_protocol_v4.spec §4.2.5.2), keeping a reference
        /// to `buffer`'s bytes instead of copying cells.
        /// - Throws: ``CQLProtocolError`` when truncated, when the row count is negative, or when
        ///   the metadata is invalid.
        public static func decode(from buffer: inout CQLBuffer) throws(CQLProtocolError) -> Rows {
            let metadata = try ResultMetadata.decode(from: &buffer)
            let rowCount = try buffer.readCount("row count")
            let (cellCount, overflow) = rowCount.multipliedReportingOverflow(by: metadata.columnCount)
            // Every cell is at least its 4-byte length, so the count is checked before reserving.
            guard !overflow, cellCount <= buffer.readableBytes / 4 else {
                throw CQLProtocolError(.truncated, "\(rowCount) rows × \(metadata.columnCount) columns need more than the \(buffer.readableBytes) readable bytes",
                                       offset: buffer.readerIndex)
            }
            guard buffer.writerIndex <= Int(Int32.max) else {
                throw CQLProtocolError(.invalidValue, "Rows body larger than 2 GiB", offset: buffer.readerIndex)
            }
            let contentStart = buffer.readerIndex
            var offsets: [Int32] = []
            offsets.reserveCapacity(cellCount)
            for _ in 0..<cellCount {
                offsets.append(Int32(buffer.readerIndex))
                let length = try buffer.readInt()
                if length > 0 { try buffer.skip(Int(length)) }
            }
            return Rows(metadata: metadata, rowCount: rowCount, storage: buffer.bytes,
                        contentRange: contentStart..<buffer.readerIndex, cellOffsets: offsets)
        }

        private init(metadata: ResultMetadata, rowCount: Int, storage: [UInt8], contentRange: Range<Int>, cellOffsets: [Int32]) {
            self.metadata = metadata
            self.rowCount = rowCount
            self.storage = storage
            self.contentRange = contentRange
            self.cellOffsets = cellOffsets
        }

        /// Rows are equal when their metadata and cells are equal, however NULLs were spelled
        /// on the wire and whatever bytes surround them.
        public static func == (lhs: Rows, rhs: Rows) -> Bool {
            guard lhs.metadata == rhs.metadata, lhs.rowCount == rhs.rowCount, lhs.cellOffsets.count == rhs.cellOffsets.count else { return false }
            return (0..<lhs.cellOffsets.count).allSatisfy { lhs.cell(at: $0) == rhs.cell(at: $0) }
        }

        /// Hashes the metadata and cells, consistently with ``==(_:_:)``.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(metadata)
            hasher.combine(rowCount)
            for index in 0..<cellOffsets.count { hasher.combine(cell(at: index)) }
        }
    }
}
