import CQLProtocol

/// The server's opaque paging state: where the previous page stopped.
///
/// Position-based for ordinary reads (the last returned row's partition key and
/// clustering), offset-based for results ordered after reading (ANN, `IN` + `ORDER BY`).
/// Carries the rows already counted against `LIMIT` and `PER PARTITION LIMIT`.
struct PagingState: Sendable, Hashable {
    /// The format version byte, so a state from another server build is rejected cleanly.
    static let formatVersion: UInt8 = 1

    /// Where to resume.
    enum Position: Sendable, Hashable {
        /// After this row.
        case after(partitionKey: [UInt8], clustering: [[UInt8]])
        /// After this many result rows.
        case offset(Int)
    }

    var position: Position
    /// Rows returned so far (for LIMIT).
    var rowsReturned: Int
    /// Rows returned so far in the partition of `position` (for PER PARTITION LIMIT).
    var rowsInPartition: Int

    /// The serialized state.
    var bytes: [UInt8] {
        var buffer = CQLBuffer()
        buffer.writeByte(Self.formatVersion)
        switch position {
        case .after(let partitionKey, let clustering):
            buffer.writeByte(0)
            buffer.writeBytes(partitionKey)
            buffer.writeShort(UInt16(clustering.count))
            for component in clustering { buffer.writeBytes(component) }
        case .offset(let offset):
            buffer.writeByte(1)
            buffer.writeLong(Int64(offset))
        }
        buffer.writeInt(Int32(clamping: rowsReturned))
        buffer.writeInt(Int32(clamping: rowsInPartition))
        return buffer.bytes
    }

    init(position: Position, rowsReturned: Int, rowsInPartition: Int) {
        self.position = position
        self.rowsReturned = rowsReturned
        self.rowsInPartition = rowsInPartition
    }

    /// Parses a state produced by ``bytes``.
    init(bytes: [UInt8]) throws(ExecutionError) {
        var buffer = CQLBuffer(bytes: bytes)
        do {
            guard try buffer.readByte() == Self.formatVersion else { throw ExecutionError.invalid("Invalid value for the paging state") }
            switch try buffer.readByte() {
            case 0:
                guard let key = try buffer.readBytes() else { throw ExecutionError.invalid("Invalid value for the paging state") }
                let count = Int(try buffer.readShort())
                var clustering: [[UInt8]] = []
                for _ in 0..<count {
                    guard let component = try buffer.readBytes() else { throw ExecutionError.invalid("Invalid value for the paging state") }
                    clustering.append(component)
                }
                position = .after(partitionKey: key, clustering: clustering)
            case 1:
                position = .offset(Int(clamping: try buffer.readLong()))
            default:
                throw ExecutionError.invalid("Invalid value for the paging state")
            }
            rowsReturned = Int(try buffer.readInt())
            rowsInPartition = Int(try buffer.readInt())
            try buffer.requireFullyConsumed("paging state")
        } catch let error as ExecutionError {
            throw error
        } catch {
            throw .invalid("Invalid value for the paging state")
        }
    }
}
