import CQLProtocol

/// The commit log's binary form of ``Mutation``.
enum MutationCodec {
    static func encode(_ mutation: Mutation, into buffer: inout CQLBuffer) {
        buffer.writeString(mutation.keyspace)
        buffer.writeString(mutation.table)
        buffer.writeBytes(mutation.partitionKey)
        buffer.writeShort(UInt16(mutation.components.count))
        for component in mutation.components { buffer.writeBytes(component) }
        buffer.writeLong(mutation.token)
        buffer.writeLong(mutation.partitionDeletion ?? .min)
        buffer.writeInt(Int32(mutation.rangeDeletions.count))
        for tombstone in mutation.rangeDeletions {
            writeComponents(tombstone.prefix, into: &buffer)
            writeBound(tombstone.lower, into: &buffer)
            writeBound(tombstone.upper, into: &buffer)
            buffer.writeLong(tombstone.timestamp)
        }
        buffer.writeInt(Int32(mutation.rows.count))
        for row in mutation.rows {
            writeComponents(row.clustering, into: &buffer)
            buffer.writeByte(row.isStatic ? 1 : 0)
            if let liveness = row.liveness {
                buffer.writeByte(1)
                buffer.writeLong(liveness.timestamp)
                buffer.writeInt(liveness.ttl)
                buffer.writeLong(liveness.expiresAt)
            } else {
                buffer.writeByte(0)
            }
            buffer.writeLong(row.rowDeletion ?? .min)
            buffer.writeLong(row.timestamp)
            buffer.writeInt(row.ttl)
            buffer.writeInt(Int32(row.writes.count))
            for write in row.writes {
                buffer.writeInt(Int32(write.slot))
                encode(write.change, into: &buffer)
            }
        }
    }

    static func decode(from buffer: inout CQLBuffer) throws(CQLProtocolError) -> Mutation {
        let keyspace = try buffer.readString()
        let table = try buffer.readString()
        let key = try buffer.readBytes() ?? []
        let components = try readComponents(&buffer, count: Int(try buffer.readShort()))
        var mutation = Mutation(keyspace: keyspace, table: table, partitionKey: key, components: components, token: try buffer.readLong())
        let deletion = try buffer.readLong()
        mutation.partitionDeletion = deletion == .min ? nil : deletion
        for _ in 0..<Int(try buffer.readInt()) {
            let prefix = try readComponents(&buffer, count: Int(try buffer.readShort()))
            let lower = try readBound(&buffer)
            let upper = try readBound(&buffer)
            mutation.rangeDeletions.append(RangeTombstone(prefix: prefix, lower: lower, upper: upper, timestamp: try buffer.readLong()))
        }
        for _ in 0..<Int(try buffer.readInt()) {
            let clustering = try readComponents(&buffer, count: Int(try buffer.readShort()))
            let isStatic = try buffer.readByte() == 1
            var liveness: RowLiveness?
            if try buffer.readByte() == 1 {
                liveness = RowLiveness(timestamp: try buffer.readLong(), ttl: try buffer.readInt(), expiresAt: try buffer.readLong())
            }
            let rowDeletion = try buffer.readLong()
            let timestamp = try buffer.readLong()
            let ttl = try buffer.readInt()
            var writes: [RowMutation.Write] = []
            for _ in 0..<Int(try buffer.readInt()) {
                let slot = Int(try buffer.readInt())
                writes.append(.init(slot: slot, change: try decodeChange(&buffer)))
            }
            mutation.rows.append(RowMutation(clustering: clustering, isStatic: isStatic, liveness: liveness,
                                             rowDeletion: rowDeletion == .min ? nil : rowDeletion, writes: writes, timestamp: timestamp, ttl: ttl))
        }
        return mutation
    }

    private static func writeComponents(_ components: [[UInt8]], into buffer: inout CQLBuffer) {
        buffer.writeShort(UInt16(components.count))
        for component in components { buffer.writeBytes(component) }
    }

    private static func readComponents(_ buffer: inout CQLBuffer, count: Int) throws(CQLProtocolError) -> [[UInt8]] {
        var result: [[UInt8]] = []
        for _ in 0..<count { result.append(try buffer.readBytes() ?? []) }
        return result
    }

    private static func writeBound(_ bound: RangeTombstone.Bound?, into buffer: inout CQLBuffer) {
        guard let bound else { buffer.writeByte(0); return }
        buffer.writeByte(bound.inclusive ? 2 : 1)
        buffer.writeBytes(bound.value)
    }

    private static func readBound(_ buffer: inout CQLBuffer) throws(CQLProtocolError) -> RangeTombstone.Bound? {
        let marker = try buffer.readByte()
        guard marker != 0 else { return nil }
        return RangeTombstone.Bound(value: try buffer.readBytes() ?? [], inclusive: marker == 2)
    }

    private static func encode(_ change: CellWrite, into buffer: inout CQLBuffer) {
        func writeElements(_ elements: [CollectionElement]) {
            buffer.writeInt(Int32(elements.count))
            for element in elements {
                buffer.writeBytes(element.path)
                buffer.writeBytes(element.value)
            }
        }
        switch change {
        case .value(let bytes):
            buffer.writeByte(0)
            buffer.writeBytes(bytes)
        case .replaceCollection(let elements):
            buffer.writeByte(1)
            writeElements(elements)
        case .addElements(let elements):
            buffer.writeByte(2)
            writeElements(elements)
        case .removeElements(let paths):
            buffer.writeByte(3)
            buffer.writeInt(Int32(paths.count))
            for path in paths { buffer.writeBytes(path) }
        case .deleteColumn:
            buffer.writeByte(4)
        case .counterAdd(let delta):
            buffer.writeByte(5)
            buffer.writeLong(delta)
        }
    }

    private static func decodeChange(_ buffer: inout CQLBuffer) throws(CQLProtocolError) -> CellWrite {
        func readElements() throws(CQLProtocolError) -> [CollectionElement] {
            var elements: [CollectionElement] = []
            for _ in 0..<Int(try buffer.readInt()) {
                let path = try buffer.readBytes() ?? []
                elements.append(CollectionElement(path: path, value: try buffer.readBytes() ?? []))
            }
            return elements
        }
        switch try buffer.readByte() {
        case 0: return .value(try buffer.readBytes())
        case 1: return .replaceCollection(try readElements())
        case 2: return .addElements(try readElements())
        case 3:
            var paths: [[UInt8]] = []
            for _ in 0..<Int(try buffer.readInt()) { paths.append(try buffer.readBytes() ?? []) }
            return .removeElements(paths)
        case 4: return .deleteColumn
        case 5: return .counterAdd(try buffer.readLong())
        case let kind: throw CQLProtocolError(.invalidValue, "unknown commit log change kind \(kind)")
        }
    }
}
