import CassandraDriver
@testable import CassandraMonitoring
import XCTest

final class QueryProfilerTests: XCTestCase {
    private func attempt(
        _ statement: String, _ milliseconds: Int, node: String = "10.0.0.1:9042", attempt: Int = 1,
        error: CassandraError.Code? = nil
    ) -> RequestAttempt {
        RequestAttempt(
            statement: statement, node: node, attempt: attempt, latency: .milliseconds(milliseconds),
            outcome: error.map { .failure(CassandraError($0, "injected")) } ?? .success)
    }

    func testAggregatesPerStatement() throws {
        var configuration = QueryProfiler.Configuration()
        configuration.slowestPerStatement = 2
        configuration.latencyBoundaries = [0.005, 0.05]
        let profiler = QueryProfiler(configuration: configuration)
        profiler.attemptFinished(attempt("SELECT a", 2))
        profiler.attemptFinished(attempt("SELECT a", 30, node: "10.0.0.2:9042", attempt: 2))
        profiler.attemptFinished(attempt("SELECT a", 10, error: .requestTimeout))
        profiler.attemptFinished(attempt("SELECT b", 1))

        let a = try XCTUnwrap(profiler.profile(of: "SELECT a"))
        XCTAssertEqual(a.count, 3)
        XCTAssertEqual(a.errors, 1)
        XCTAssertEqual(a.errorCodes, ["requestTimeout": 1])
        XCTAssertEqual(a.latency.bucketCounts, [1, 2, 0])
        XCTAssertEqual(a.latency.sum, 0.042, accuracy: 1e-12)
        XCTAssertEqual(a.slowest.map(\.latency), [.milliseconds(30), .milliseconds(10)])
        XCTAssertEqual(a.slowest.first?.node, "10.0.0.2:9042")
        XCTAssertEqual(a.slowest.first?.attempt, 2)
        XCTAssertEqual(a.slowest.last?.errorCode, "requestTimeout")
        XCTAssertEqual(profiler.profiles().map(\.statement), ["SELECT a", "SELECT b"])
        XCTAssertEqual(profiler.totals().attempts, 4)
        XCTAssertEqual(profiler.totals().failures, 1)
        XCTAssertEqual(profiler.totals().latencySeconds, 0.043, accuracy: 1e-12)
    }

    func testSlowQueriesKeepTheNewestAboveTheThreshold() {
        var configuration = QueryProfiler.Configuration()
        configuration.slowQueryThreshold = .milliseconds(100)
        configuration.slowQueryCapacity = 2
        let profiler = QueryProfiler(configuration: configuration)
        for (index, milliseconds) in [150, 50, 100, 200].enumerated() {
            profiler.attemptFinished(attempt("Q\(index)", milliseconds))
        }
        XCTAssertEqual(profiler.slowQueries().map(\.statement), ["Q2", "Q3"])
        XCTAssertEqual(profiler.slowQueries().map(\.sequence), [2, 3])
    }

    func testEveryNthSamplingProfilesOnlyThoseButTotalsCountAll() {
        var configuration = QueryProfiler.Configuration()
        configuration.sampling = .everyNth(3)
        let profiler = QueryProfiler(configuration: configuration)
        for _ in 0..<10 { profiler.attemptFinished(attempt("Q", 1)) }
        XCTAssertEqual(profiler.profile(of: "Q")?.count, 4, "attempts 0, 3, 6 and 9")
        XCTAssertEqual(profiler.totals().attempts, 10)
    }

    func testStatementSamplingIsDeterministicAndRoughlyTheFraction() {
        let sampling = QueryProfiler.Sampling.statements(fraction: 0.25, seed: 42)
        let statements = (0..<2000).map { "SELECT * FROM t\($0)" }
        let chosen = statements.filter { sampling.includes(statement: $0, sequence: 0) }
        XCTAssertEqual(chosen, statements.filter { sampling.includes(statement: $0, sequence: 99) })
        XCTAssertGreaterThan(chosen.count, 400)
        XCTAssertLessThan(chosen.count, 600)
        let otherSeed = QueryProfiler.Sampling.statements(fraction: 0.25, seed: 7)
        XCTAssertNotEqual(chosen, statements.filter { otherSeed.includes(statement: $0, sequence: 0) })
        XCTAssertFalse(QueryProfiler.Sampling.statements(fraction: 0, seed: 1).includes(statement: "x", sequence: 0))
        XCTAssertTrue(QueryProfiler.Sampling.statements(fraction: 1, seed: 1).includes(statement: "x", sequence: 0))
    }

    func testMaxStatementsBoundsProfiles() {
        var configuration = QueryProfiler.Configuration()
        configuration.maxStatements = 2
        let profiler = QueryProfiler(configuration: configuration)
        for index in 0..<5 { profiler.attemptFinished(attempt("Q\(index)", 1)) }
        XCTAssertEqual(profiler.profiles().count, 2)
        XCTAssertEqual(profiler.totals().attempts, 5)
    }

    func testFeedsTheCollectorAndResets() {
        let collector = MetricsCollector()
        var configuration = QueryProfiler.Configuration()
        configuration.slowQueryThreshold = .milliseconds(20)
        let profiler = QueryProfiler(configuration: configuration, collector: collector)
        profiler.attemptFinished(attempt("Q", 5))
        profiler.attemptFinished(attempt("Q", 25, error: .server))
        let snapshot = collector.snapshot()
        XCTAssertEqual(snapshot.counter(MonitoringMetricName.profiledAttempts, [("outcome", "success")]), 1)
        XCTAssertEqual(snapshot.counter(MonitoringMetricName.profiledAttempts, [("outcome", "failure")]), 1)
        XCTAssertEqual(snapshot.counter(MonitoringMetricName.slowQueries), 1)
        XCTAssertEqual(snapshot.histogram(MonitoringMetricName.profiledLatency)?.count, 2)

        profiler.reset()
        XCTAssertEqual(profiler.totals(), QueryProfiler.Totals(generation: 1))
        XCTAssertTrue(profiler.profiles().isEmpty)
        XCTAssertTrue(profiler.slowQueries().isEmpty)
    }
}
