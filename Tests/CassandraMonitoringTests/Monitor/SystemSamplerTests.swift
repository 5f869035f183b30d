import CassandraDriver
@testable import CassandraMonitoring
import CQLProtocol
import Foundation
import Synchronization
import XCTest

final class SystemSamplerTests: XCTestCase {
    private func node(_ number: Int, _ state: Node.State) -> Node {
        Node(
            id: UUID(), endpoint: CQLInetEndpoint(address: CQLInetAddress("10.0.0.\(number)")!, port: 9042),
            state: state)
    }

    func testRatesAreDifferencesBetweenConsecutiveSamples() throws {
        let profiler = QueryProfiler()
        let stats = Mutex(ProcessStats(cpuSeconds: 10, residentMemoryBytes: 4096))
        let cluster = ClusterSnapshot(nodes: [node(1, .up), node(2, .up), node(3, .down)])
        let sampler = SystemSampler(profiler: profiler, cluster: { cluster }, process: { stats.withLock { $0 } })

        let first = sampler.sample(at: .seconds(100))
        XCTAssertEqual(first, [.cpuSeconds: 10, .residentMemoryBytes: 4096, .nodesUp: 2, .nodesDown: 1])

        for (milliseconds, failed) in [(10, false), (20, false), (30, true), (40, false)] {
            profiler.attemptFinished(RequestAttempt(
                statement: "Q", node: "n", attempt: 1, latency: .milliseconds(milliseconds),
                outcome: failed ? .failure(CassandraError(.server, "injected")) : .success))
        }
        stats.withLock { $0 = ProcessStats(cpuSeconds: 11, residentMemoryBytes: 8192) }
        let second = sampler.sample(at: .seconds(102))
        XCTAssertEqual(second[.cpuUsage], 0.5)
        XCTAssertEqual(second[.requestRate], 2)
        XCTAssertEqual(second[.errorRate], 0.25)
        XCTAssertEqual(try XCTUnwrap(second[.meanLatencySeconds]), 0.025, accuracy: 1e-12)
        XCTAssertEqual(second[.residentMemoryBytes], 8192)

        let idle = sampler.sample(at: .seconds(103))
        XCTAssertEqual(idle[.requestRate], 0)
        XCTAssertEqual(idle[.errorRate], 0)
        XCTAssertNil(idle[.meanLatencySeconds])

        profiler.reset()
        profiler.attemptFinished(RequestAttempt(statement: "Q", node: "n", attempt: 1, latency: .milliseconds(1), outcome: .success))
        XCTAssertNil(sampler.sample(at: .seconds(104))[.requestRate], "no rate across a reset")
        XCTAssertEqual(sampler.sample(at: .seconds(105))[.requestRate], 0)
    }

    func testWithoutSourcesOnlyProcessValuesAreReported() {
        let sampler = SystemSampler(profiler: nil, cluster: nil, process: { nil })
        XCTAssertEqual(sampler.sample(at: .zero), [:])
        XCTAssertEqual(sampler.sample(at: .seconds(1)), [:])
    }

    func testProcessStatsAreMeasured() throws {
        let before = try XCTUnwrap(ProcessStats.current())
        var spin: UInt64 = 0
        let deadline = ContinuousClock.now + .milliseconds(50)
        while ContinuousClock.now < deadline { spin &+= 1 }
        let after = try XCTUnwrap(ProcessStats.current())
        XCTAssertGreaterThan(spin, 0)
        XCTAssertGreaterThan(after.cpuSeconds, before.cpuSeconds)
        XCTAssertGreaterThan(after.residentMemoryBytes, 1_000_000, "a test process has at least 1 MB resident")
    }
}
