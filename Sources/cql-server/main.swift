// cql-server: runs the embedded CQL v4 server as a standalone process.
//
//   cql-server [--host 127.0.0.1] [--port 9042] [--data-dir DIR] [--auth user:pass ...] [--threads N]
import CQLServer
#if canImport(Glibc)
import Glibc
#endif

struct Options {
    var configuration = EmbeddedCQLServer.Configuration()

    static let usage = "usage: cql-server [--host ADDRESS] [--port PORT] [--data-dir DIR] [--auth USER:PASSWORD]... [--threads N]"

    init(arguments: [String]) throws(UsageError) {
        var remaining = arguments[...]
        func value(for flag: String) throws(UsageError) -> String {
            guard let value = remaining.popFirst() else { throw UsageError(message: "\(flag) needs a value") }
            return value
        }
        while let flag = remaining.popFirst() {
            switch flag {
            case "--host": configuration.host = try value(for: flag)
            case "--port":
                let text = try value(for: flag)
                guard let port = Int(text), (0...65_535).contains(port) else { throw UsageError(message: "invalid port \(text)") }
                configuration.port = port
            case "--data-dir": configuration.dataDirectory = try value(for: flag)
            case "--auth":
                let text = try value(for: flag)
                guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else {
                    throw UsageError(message: "--auth expects USER:PASSWORD")
                }
                configuration.credentials[String(text[..<colon])] = String(text[text.index(after: colon)...])
            case "--threads":
                let text = try value(for: flag)
                guard let threads = Int(text), threads > 0 else { throw UsageError(message: "invalid thread count \(text)") }
                configuration.eventLoopCount = threads
            case "--help", "-h":
                throw UsageError(message: "")
            default:
                throw UsageError(message: "unknown option \(flag)")
            }
        }
    }
}

struct UsageError: Error {
    var message: String
}

do {
    let options = try Options(arguments: Array(CommandLine.arguments.dropFirst()))
    let server = try await EmbeddedCQLServer.start(options.configuration)
    print("cql-server listening on \(server.host):\(server.port)")
    while true { try await Task.sleep(for: .seconds(3600)) }
} catch let error as UsageError {
    if !error.message.isEmpty { FileHandleOutput.error("cql-server: \(error.message)") }
    FileHandleOutput.error(Options.usage)
    exit(error.message.isEmpty ? 0 : 2)
} catch {
    FileHandleOutput.error("cql-server: \(error)")
    exit(1)
}

enum FileHandleOutput {
    /// Writes a line to standard error (file descriptor 2).
    static func error(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
