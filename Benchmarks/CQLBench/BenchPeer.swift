import CQLProtocol
import Synchronization
import UVLoop

/// A minimal CQL responder for measuring the driver alone: handshake, Invalid for system
/// tables (so the session uses the contact point only), PREPARED for PREPARE, VOID for
/// INSERTs and one canned row for everything else. Run it in its own process so that its CPU
/// time is not counted as the client's.
enum BenchPeer {
    static let row = ResponseMessage.Result.rows(.init(
        metadata: ResultMetadata(columns: [.init(keyspace: "bench", table: "kv", name: "value", type: .blob)]),
        rows: [[Array(repeating: 7, count: 100)]]))
    static let rowWithoutMetadata = ResponseMessage.Result.rows(.init(
        metadata: ResultMetadata(noMetadataColumnCount: 1), rows: [[Array(repeating: 7, count: 100)]]))
    static let insertPrepared = ResponseMessage.Result.Prepared(
        id: [8, 8, 8, 8],
        metadata: PreparedMetadata(columns: [.init(keyspace: "bench", table: "kv", name: "id", type: .bigint),
                                             .init(keyspace: "bench", table: "kv", name: "value", type: .blob)],
                                   partitionKeyIndexes: [0]),
        resultMetadata: ResultMetadata(noMetadataColumnCount: 0))
    static let prepared = ResponseMessage.Result.prepared(.init(
        id: [9, 9, 9, 9],
        metadata: PreparedMetadata(columns: [.init(keyspace: "bench", table: "kv", name: "id", type: .bigint)],
                                   partitionKeyIndexes: [0]),
        resultMetadata: ResultMetadata(columns: [.init(keyspace: "bench", table: "kv", name: "value", type: .blob)])))

    static func run(port: Int) async throws {
        let group = EventLoopGroup(numberOfThreads: 1, name: "peer")
        let listener = try await TCPListener.bind(host: "127.0.0.1", port: port, on: group.next()) { connection in
            let session = PeerConnection(connection: connection)
            connection.startReading(onRead: { session.received($0) }, onClose: { _ in })
        }
        print("listening on \(listener.port)")
        while true { try await Task.sleep(for: .seconds(3600)) }
    }

    static func answer(_ request: RequestMessage) -> ResponseMessage {
        switch request {
        case .options: .supported(.init(options: ["CQL_VERSION": ["3.4.5"], "COMPRESSION": ["lz4"]]))
        case .startup, .register: .ready
        case .query(let query) where query.query.contains("system"):
            .error(ServerError(code: .invalid, message: "no system tables"))
        case .query(let query) where query.query.hasPrefix("INSERT"): .result(.void)
        case .prepare(let prepare) where prepare.query.hasPrefix("INSERT"): .result(.prepared(insertPrepared))
        case .prepare: .result(prepared)
        case .execute(let execute) where execute.id == insertPrepared.id: .result(.void)
        case .execute(let execute) where execute.parameters.skipMetadata: .result(rowWithoutMetadata)
        default: .result(row)
        }
    }
}

/// One accepted connection. Loop thread only.
private final class PeerConnection: @unchecked Sendable {
    let connection: TCPConnection
    var buffer = CQLBuffer(capacity: 65536)
    let decoder = FrameDecoder()
    let encoder = FrameEncoder()

    init(connection: TCPConnection) {
        self.connection = connection
    }

    func received(_ bytes: UnsafeRawBufferPointer) {
        buffer.writeRawBytes(bytes)
        var out = CQLBuffer(capacity: 4096)
        while let frame = try? decoder.decode(from: &buffer) {
            guard let request = try? frame.decodeRequest() else { continue }
            try? FrameEncoder(version: frame.header.version).encode(BenchPeer.answer(request), stream: frame.header.stream, into: &out)
        }
        buffer.discardReadBytes()
        if out.writerIndex > 0 { connection.write(out.bytes) }
    }
}
