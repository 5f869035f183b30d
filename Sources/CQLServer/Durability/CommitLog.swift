#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CQLProtocol
import Synchronization

/// An append-only log of every acknowledged change, replayed on start.
///
/// Each record is `[int] length` + body; the body is a kind byte (1: schema statement as
/// CQL text with the session keyspace, 2: a data mutation) and its payload. Records are
/// written with `write(2)` before the change is applied and acknowledged, so a crashed or
/// killed process loses nothing it answered for. A torn record at the end (a crash in the
/// middle of a write) is ignored on replay.
final class CommitLog: Sendable {
    /// Why the log could not be opened or written.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let descriptor: Int32
    /// The log file's path.
    let path: String
    private let writeLock = Mutex(())

    /// Opens (creating if needed) `commitlog.bin` in `directory`.
    init(directory: String) throws(Failure) {
        mkdir(directory, 0o755)
        path = directory.hasSuffix("/") ? directory + "commitlog.bin" : directory + "/commitlog.bin"
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard descriptor >= 0 else { throw Failure(description: "cannot open commit log \(path): errno \(errno)") }
    }

    deinit { close(descriptor) }

    /// Appends data mutations.
    func append(_ mutations: [Mutation]) throws(ExecutionError) {
        guard !mutations.isEmpty else { return }
        var body = CQLBuffer()
        body.writeByte(2)
        body.writeInt(Int32(mutations.count))
        for mutation in mutations { MutationCodec.encode(mutation, into: &body) }
        try write(body.bytes)
    }

    /// Appends a schema statement (replayed by executing it again).
    func appendSchemaStatement(_ text: String, keyspace: String?) throws(ExecutionError) {
        var body = CQLBuffer()
        body.writeByte(1)
        body.writeString(keyspace ?? "")
        body.writeLongString(text)
        try write(body.bytes)
    }

    private func write(_ body: [UInt8]) throws(ExecutionError) {
        var record = CQLBuffer(capacity: body.count + 4)
        record.writeInt(Int32(body.count))
        record.writeRawBytes(body)
        let bytes = record.bytes
        let failed: Bool = writeLock.withLock { _ in
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
                if written < 0 {
                    if errno == EINTR { continue }
                    return true
                }
                offset += written
            }
            return false
        }
        if failed { throw ExecutionError(kind: .server, message: "commit log write failed (errno \(errno)); the write was not applied") }
    }

    /// The records of the log at `directory`, in order. A truncated last record is dropped.
    static func records(directory: String) -> [CQLBuffer] {
        let path = directory.hasSuffix("/") ? directory + "commitlog.bin" : directory + "/commitlog.bin"
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count <= 0 { break }
            contents += chunk[0..<count]
        }
        var buffer = CQLBuffer(bytes: contents)
        var records: [CQLBuffer] = []
        while buffer.readableBytes >= 4 {
            guard let length = try? buffer.readInt(), length >= 0, buffer.readableBytes >= Int(length),
                  let body = try? buffer.readSlice(count: Int(length)) else { break }
            records.append(body)
        }
        return records
    }
}
