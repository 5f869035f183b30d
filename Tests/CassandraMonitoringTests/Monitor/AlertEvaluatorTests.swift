@testable import CassandraMonitoring
import XCTest

final class AlertEvaluatorTests: XCTestCase {
    private let errorRate = AlertRule(name: "errors", metric: .errorRate, .above, 10, for: .seconds(30), resolveAt: 5)

    private func kinds(_ events: [AlertEvent]) -> [AlertEvent.Kind] { events.map(\.kind) }

    func testFiresAfterTheDurationAndResolvesPastTheResolveThreshold() {
        var evaluator = AlertEvaluator(rules: [errorRate])
        XCTAssertEqual(evaluator.evaluate([.errorRate: 11], at: .seconds(0)), [])
        XCTAssertEqual(evaluator.evaluate([.errorRate: 12], at: .seconds(10)), [])
        XCTAssertEqual(
            evaluator.evaluate([.errorRate: 15], at: .seconds(30)),
            [AlertEvent(kind: .fired, rule: errorRate, value: 15, at: .seconds(30))])
        XCTAssertEqual(evaluator.firing, ["errors"])
        XCTAssertEqual(evaluator.evaluate([.errorRate: 8], at: .seconds(40)), [], "above the resolve threshold")
        XCTAssertEqual(
            evaluator.evaluate([.errorRate: 5], at: .seconds(50)),
            [AlertEvent(kind: .resolved, rule: errorRate, value: 5, at: .seconds(50))])
        XCTAssertEqual(evaluator.firing, [])
    }

    func testAPendingBreachThatStopsStartsOver() {
        var evaluator = AlertEvaluator(rules: [errorRate])
        XCTAssertEqual(evaluator.evaluate([.errorRate: 11], at: .seconds(0)), [])
        XCTAssertEqual(evaluator.evaluate([.errorRate: 10], at: .seconds(20)), [], "10 is not above 10")
        XCTAssertEqual(evaluator.evaluate([.errorRate: 11], at: .seconds(40)), [])
        XCTAssertEqual(evaluator.evaluate([.errorRate: 11], at: .seconds(60)), [], "only 20 s since the new breach")
        XCTAssertEqual(kinds(evaluator.evaluate([.errorRate: 11], at: .seconds(70))), [.fired])
    }

    func testHysteresisKeepsAHoveringValueFromFlapping() {
        var evaluator = AlertEvaluator(rules: [AlertRule(name: "cpu", metric: .cpuUsage, .above, 0.9, resolveAt: 0.7)])
        var all: [AlertEvent.Kind] = []
        for (second, value) in [0.95, 0.85, 0.92, 0.8, 0.89, 0.65, 0.88].enumerated() {
            all += kinds(evaluator.evaluate([.cpuUsage: value], at: .seconds(second)))
        }
        XCTAssertEqual(all, [.fired, .resolved])
    }

    func testBelowFiresImmediatelyWithZeroDuration() {
        var evaluator = AlertEvaluator(rules: [AlertRule(name: "nodes", metric: .nodesUp, .below, 3)])
        XCTAssertEqual(kinds(evaluator.evaluate([.nodesUp: 2], at: .zero)), [.fired])
        XCTAssertEqual(kinds(evaluator.evaluate([.nodesUp: 3], at: .seconds(1))), [.resolved])
    }

    func testMissingOrNaNValuesLeaveTheStateAlone() {
        var evaluator = AlertEvaluator(rules: [AlertRule(name: "nodes", metric: .nodesDown, .above, 0)])
        XCTAssertEqual(kinds(evaluator.evaluate([.nodesDown: 1], at: .zero)), [.fired])
        XCTAssertEqual(evaluator.evaluate([:], at: .seconds(1)), [])
        XCTAssertEqual(evaluator.evaluate([.nodesDown: .nan], at: .seconds(2)), [])
        XCTAssertEqual(evaluator.firing, ["nodes"])
    }

    func testRulesAreIndependent() {
        let memory = AlertRule(name: "memory", metric: .residentMemoryBytes, .above, 1_000)
        var evaluator = AlertEvaluator(rules: [errorRate, memory])
        let events = evaluator.evaluate([.errorRate: 50, .residentMemoryBytes: 2_000], at: .zero)
        XCTAssertEqual(events.map(\.rule.name), ["memory"])
        XCTAssertEqual(evaluator.firing, ["memory"])
    }
}
