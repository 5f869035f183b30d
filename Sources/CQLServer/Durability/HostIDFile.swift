#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The node's host id, kept as text in `host_id` in the data directory: a server restarted on
/// the same directory is the same node to drivers (same host id, hence the same token), as a
/// Cassandra node keeps its id in `system.local`.
enum HostIDFile {
    /// Reads the id stored in `directory`, or stores a new one.
    /// - Throws: ``EmbeddedCQLServer/StartError`` when the directory or file cannot be written.
    static func load(directory: String) throws -> UUID {
        let path = directory + "/host_id"
        if let data = FileManager.default.contents(atPath: path),
           let id = UUID(uuidString: String(decoding: data, as: UTF8.self).filter { !$0.isWhitespace }) {
            return id
        }
        let id = UUID()
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw EmbeddedCQLServer.StartError(message: "cannot create the data directory \(directory): \(error)")
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(id.uuidString.utf8)) else {
            throw EmbeddedCQLServer.StartError(message: "cannot write \(path)")
        }
        return id
    }
}
