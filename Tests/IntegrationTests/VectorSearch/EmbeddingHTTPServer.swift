import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

/// A real OpenAI-compatible embeddings endpoint for tests: a small python3 HTTP server on an
/// ephemeral port of 127.0.0.1, started per test and killed afterwards.
///
/// `POST /v1/embeddings` embeds each input as a bag of characters (`vector[scalar % n] += 1`,
/// L2-normalised, `n` = the request's `dimensions` or 8) and answers the items in *reverse*
/// order with their `index`, so clients must reorder. It requires `Authorization: Bearer
/// test-key` (else HTTP 401 with an OpenAI-style error body). Model `wrong-size` answers
/// vectors one component short, model `missing-one` drops the last item, model `not-json`
/// answers text. `GET /requests` returns every embeddings request body received, with its
/// `authorization` header.
final class EmbeddingHTTPServer: @unchecked Sendable {
    private static let script = #"""
import json, os, sys, math, threading
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

received = []
lock = threading.Lock()

def embed(text, n):
    vector = [0.0] * n
    for ch in text:
        vector[ord(ch) % n] += 1.0
    norm = math.sqrt(sum(v * v for v in vector)) or 1.0
    return [v / norm for v in vector]

class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body, content_type="application/json"):
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with lock:
            self.reply(200, list(received))

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        with lock:
            received.append({"body": body, "authorization": self.headers.get("Authorization")})
        if self.path != "/v1/embeddings":
            return self.reply(404, {"error": {"message": "no such route"}})
        if self.headers.get("Authorization") != "Bearer test-key":
            return self.reply(401, {"error": {"message": "Incorrect API key provided", "type": "invalid_request_error"}})
        model = body["model"]
        if model == "not-json":
            return self.reply(200, "hello", "text/plain")
        n = body.get("dimensions", 8)
        items = [{"object": "embedding", "index": i, "embedding": embed(t, n)} for i, t in enumerate(body["input"])]
        if model == "wrong-size":
            for item in items:
                item["embedding"] = item["embedding"][:-1]
        if model == "missing-one":
            items = items[:-1]
        items.reverse()
        self.reply(200, {"object": "list", "data": items, "model": model, "usage": {"prompt_tokens": 0, "total_tokens": 0}})

def exit_when_stdin_closes():
    sys.stdin.read()
    os._exit(0)

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
print(server.server_address[1], flush=True)
server.serve_forever()
"""#

    /// The script printed something other than its port.
    struct StartFailed: Error {
        var output: String
    }

    private let process: Process
    /// The server's port.
    let port: Int

    /// `http://127.0.0.1:<port>/v1/embeddings`.
    var endpoint: URL { URL(string: "http://127.0.0.1:\(port)/v1/embeddings")! }

    private init(process: Process, port: Int) {
        self.process = process
        self.port = port
    }

    /// Starts a server, runs `body`, then stops the server.
    /// - Throws: `XCTSkip` when `python3` is not installed.
    static func with<T>(_ body: (EmbeddingHTTPServer) async throws -> T) async throws -> T {
        guard let python = ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
            .map({ "\($0)/python3" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("python3 is not installed: the OpenAI-compatible endpoint test needs it")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script]
        let output = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        // The server exits when its stdin closes (also if this process dies). SIGTERM is not
        // used: the spawning thread may block it, and the child inherits that mask.
        func stop() {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line += byte
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            stop()
            throw StartFailed(output: String(decoding: line, as: UTF8.self))
        }
        let server = EmbeddingHTTPServer(process: process, port: port)
        defer { stop() }
        return try await body(server)
    }

    /// The requests received so far: each request body plus its `authorization` header.
    func requests() async throws -> [[String: Any]] {
        let (data, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/requests")!)
        return try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
    }
}
