#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol
import Synchronization
import XCTest
@testable import CQLServer

/// A clock the tests move by hand: microseconds since the epoch.
final class ManualClock: Sendable {
    private let micros: Mutex<Int64>

    /// Starts at `micros` (2023-11-14T22:13:20Z by default).
    init(micros: Int64 = 1_700_000_000_000_000) { self.micros = Mutex(micros) }

    /// The current time in microseconds.
    var now: Int64 { micros.withLock { $0 } }

    /// Moves the clock forward.
    func advance(seconds: Int64) { micros.withLock { $0 += seconds * 1_000_000 } }
}

/// The rows of a RESULT, decoded with their column metadata.
struct DecodedRows: Equatable, CustomStringConvertible {
    /// The result's column names, in order.
    var columns: [String]
    /// The result's column types, in order.
    var types: [CQLType]
    /// The decoded values, one array per row; `nil` is NULL.
    var rows: [[CQLValue?]]
    /// The paging state for the next page, if any.
    var pagingState: [UInt8]?

    /// The values of the column named `name`, one per row.
    func column(_ name: String) -> [CQLValue?] {
        guard let index = columns.firstIndex(of: name) else { return [] }
        return rows.map { $0[index] }
    }

    /// The column names and rows, for failure messages.
    var description: String { "\(columns): \(rows)" }
}

/// Drives a ``QueryProcessor`` directly, without sockets, the way a connection does: one
/// session (the `USE` keyspace) and an injected ``ManualClock``.
final class QueryHarness {
    /// The clock the processor reads.
    let clock: ManualClock
    /// The processor under test.
    let processor: QueryProcessor
    /// The connection state (`USE`).
    var session = QueryProcessor.SessionState()

    /// A processor over a fresh engine (or `engine`), optionally logging to `commitLog`.
    init(clock: ManualClock = ManualClock(), engine: StorageEngine = StorageEngine(), commitLog: CommitLog? = nil) {
        self.clock = clock
        let node = NodeIdentity(hostID: UUID(uuidString: "11111111-2222-4333-8444-555555555555")!,
                                listenAddress: CQLInetAddress("127.0.0.1")!, rpcAddress: CQLInetAddress("127.0.0.1")!, rpcPort: 9042,
                                clusterName: LocalNode.clusterName, datacenter: LocalNode.datacenter, rack: LocalNode.rack,
                                releaseVersion: LocalNode.releaseVersion, cqlVersion: LocalNode.cqlVersion,
                                nativeProtocolVersion: LocalNode.nativeProtocolVersion, partitioner: LocalNode.partitioner, tokens: [0])
        processor = QueryProcessor(engine: engine, node: node, commitLog: commitLog, clock: { [clock] in clock.now })
    }

    /// A harness with keyspace `ks` created and in use, after running `setup`.
    static func withKeyspace(_ setup: String...) throws -> QueryHarness {
        let harness = QueryHarness()
        try harness.run("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
        try harness.run("USE ks")
        for statement in setup { try harness.run(statement) }
        return harness
    }

    /// Runs one QUERY.
    /// - Throws: the ``ServerError`` the server answered with.
    @discardableResult
    func run(_ cql: String, values: RequestMessage.BoundValues? = nil, pageSize: Int32? = nil, pagingState: [UInt8]? = nil,
             timestamp: Int64? = nil) throws -> ResponseMessage.Result {
        let parameters = RequestMessage.QueryParameters(consistency: .one, values: values, pageSize: pageSize,
                                                        pagingState: pagingState, defaultTimestamp: timestamp)
        return try Self.result(processor.query(.init(query: cql, parameters: parameters), session: &session))
    }

    /// Runs a SELECT (or anything answering with rows) and decodes every value.
    func rows(_ cql: String, values: RequestMessage.BoundValues? = nil, pageSize: Int32? = nil, pagingState: [UInt8]? = nil) throws -> DecodedRows {
        try Self.decode(run(cql, values: values, pageSize: pageSize, pagingState: pagingState))
    }

    /// Runs a SELECT page by page with `pageSize`, following paging states to the end.
    func allPages(_ cql: String, pageSize: Int32) throws -> [DecodedRows] {
        var pages: [DecodedRows] = []
        var state: [UInt8]?
        repeat {
            let page = try rows(cql, pageSize: pageSize, pagingState: state)
            pages.append(page)
            state = page.pagingState
            if pages.count > 10_000 { throw CQLProtocolError(.invalidValue, "paging does not terminate") }
        } while state != nil
        return pages
    }

    /// The error a statement fails with, or `nil` (and a test failure) when it succeeds.
    func error(_ cql: String, values: RequestMessage.BoundValues? = nil, file: StaticString = #filePath, line: UInt = #line) -> ServerError? {
        do {
            let result = try run(cql, values: values)
            XCTFail("expected \(cql) to fail, got \(result)", file: file, line: line)
            return nil
        } catch let error as ServerError {
            return error
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
            return nil
        }
    }

    /// Asserts that `cql` fails with `code` and a message containing `message`.
    func assertError(_ cql: String, _ code: ServerError.Code, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let error = error(cql, file: file, line: line) else { return }
        XCTAssertEqual(error.code, code, error.message, file: file, line: line)
        XCTAssertTrue(error.message.contains(message), "\"\(error.message)\" does not contain \"\(message)\"", file: file, line: line)
    }

    /// PREPAREs `cql` in the current session.
    func prepare(_ cql: String) throws -> ResponseMessage.Result.Prepared {
        let result = try Self.result(processor.prepare(.init(query: cql), session: session))
        guard case .prepared(let prepared) = result else { throw CQLProtocolError(.invalidValue, "not PREPARED: \(result)") }
        return prepared
    }

    /// EXECUTEs a prepared statement, encoding `values` with the statement's variable types.
    @discardableResult
    func execute(_ prepared: ResponseMessage.Result.Prepared, _ values: [CQLValue?], pageSize: Int32? = nil) throws -> ResponseMessage.Result {
        let raw = try zip(values, prepared.metadata.columns).map { value, column throws -> CQLRawValue in
            guard let value else { return .null }
            return .bytes(try value.serialized(as: column.type))
        }
        let parameters = RequestMessage.QueryParameters(consistency: .one, values: .positional(raw), pageSize: pageSize)
        return try Self.result(processor.execute(.init(id: prepared.id, parameters: parameters), session: &session))
    }

    /// BATCHes unprepared statements.
    @discardableResult
    func batch(_ type: RequestMessage.Batch.BatchType, _ statements: [String]) throws -> ResponseMessage.Result {
        let batch = RequestMessage.Batch(type: type, statements: statements.map { .init(.query($0)) }, consistency: .one)
        return try Self.result(processor.batch(batch, session: &session))
    }

    /// The RESULT of an outcome, or its ERROR thrown.
    static func result(_ outcome: QueryProcessor.Outcome) throws -> ResponseMessage.Result {
        switch outcome.response {
        case .result(let result): return result
        case .error(let error): throw error
        default: throw CQLProtocolError(.invalidValue, "unexpected response \(outcome.response)")
        }
    }

    /// Decodes a Rows result with its own metadata.
    static func decode(_ result: ResponseMessage.Result) throws -> DecodedRows {
        guard case .rows(let rows) = result, let columns = rows.metadata.columns else {
            throw CQLProtocolError(.invalidValue, "not a Rows result with metadata: \(result)")
        }
        var decoded: [[CQLValue?]] = []
        for row in 0..<rows.rowCount {
            decoded.append(try columns.indices.map { column throws in try CQLValue.decode(rows.value(row: row, column: column), as: columns[column].type) })
        }
        return DecodedRows(columns: columns.map(\.name), types: columns.map(\.type), rows: decoded, pagingState: rows.metadata.pagingState)
    }
}
