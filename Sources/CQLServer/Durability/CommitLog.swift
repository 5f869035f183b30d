#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CQLProtocol
import Synchronization

/// An append-only log of every acknowledged change, replayed on start.
///
/// Each record is `[int] length` + body; the body is a kind byte and its payload:
/// - 1: a schema statement (or TRUNCATE) as `[string]` session keyspace + `[long string]` CQL;
/// - 2: data mutations as `[int]` count + mutations (written by earlier builds; replayed
///   with the replaying clock);
/// - 3: data mutations as `[long]` the write's clock in seconds + `[int]` count + mutations,
///   so TTLs keep counting from the original write.
///
/// Data records are written with `write(2)` before the change is applied and acknowledged,
/// so a crashed or killed process loses nothing it answered for. A torn record at the end
/// (a crash in the middle of a write) is ignored on replay and cut off when the log is
/// reopened, so new records never follow a partial one.
final class CommitLog: Sendable {
    /// Why the log could not be opened or written.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let descriptor: Int32
    /// The log file's path.
    let path: String
    private let writeLock = Mutex(())

    /// Opens (creating if needed) `commitlog.bin` in `directory`, first truncating a torn
    /// record at its end.
    init(directory: String) throws(Failure) {
        mkdir(directory, 0o755)
        path = Self.path(directory: directory)
        let (contents, complete) = Self.scan(path: path)
        if complete.last?.upperBound ?? 0 < contents.count {
            guard truncate(path, off_t(complete.last?.upperBound ?? 0)) == 0 else {
                throw Failure(description: "cannot truncate the torn end of commit log \(path): errno \(errno)")
            }
        }
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard descriptor >= 0 else { throw Failure(description: "cannot open commit log \(path): errno \(errno)") }
    }

    deinit { close(descriptor) }

    /// Appends data mutations applied at `now` (seconds since the epoch; expiry of TTL
    /// cells is computed from it on replay).
    func append(_ mutations: [Mutation], now: Int64) throws(ExecutionError) {
        guard !mutations.isEmpty else { return }
        var body = CQLBuffer()
        body.writeByte(3)
        body.writeLong(now)
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
        let (contents, complete) = scan(path: path(directory: directory))
        return complete.map { CQLBuffer(bytes: Array(contents[($0.lowerBound + 4)..<$0.upperBound])) }
    }

    /// The log file inside `directory`.
    private static func path(directory: String) -> String {
        directory.hasSuffix("/") ? directory + "commitlog.bin" : directory + "/commitlog.bin"
    }

    /// The file's bytes and the byte ranges of its complete records (length prefix included),
    /// up to the first record that is cut short.
    private static func scan(path: String) -> (contents: [UInt8], complete: [Range<Int>]) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return ([], []) }
        defer { close(descriptor) }
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count <= 0 { break }
            contents += chunk[0..<count]
        }
        var complete: [Range<Int>] = []
        var offset = 0
        while contents.count - offset >= 4 {
            let length = contents[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            guard length < 1 << 31, contents.count - offset - 4 >= length else { break }
            complete.append(offset..<(offset + 4 + length))
            offset += 4 + length
        }
        return (contents, complete)
    }
}
