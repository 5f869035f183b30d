import CQLProtocol
import XCTest
@testable import CassandraDriver

/// Request-lifecycle transcripts of the connection state machine.
final class ConnectionStateMachineTests: XCTestCase {
    typealias Machine = Connection.StateMachine
    private let t0 = MonotonicInstant.now

    private func readyMachine(_ configure: (inout Machine.Configuration) -> Void = { _ in }) -> Machine {
        var configuration = Machine.Configuration()
        configure(&configuration)
        var machine = Machine(configuration: configuration)
        XCTAssertEqual(machine.connected(handshake: .init()), .sendOptions)
        XCTAssertEqual(machine.handshakeMessageReceived(.supported(.init(options: [:]))), .sendStartup(compression: nil))
        XCTAssertEqual(machine.handshakeMessageReceived(.ready), .completed)
        XCTAssertTrue(machine.isReady)
        return machine
    }

    func testRequestsBeforeReadyFail() {
        var machine = Machine(configuration: .init())
        guard case .fail(let error) = machine.requestSubmitted(deadline: t0) else { return XCTFail("expected failure") }
        XCTAssertEqual(error.code, .connectionClosed)
    }

    func testResponsesAreRoutedByStream() {
        var machine = readyMachine()
        XCTAssertEqual(machine.requestSubmitted(deadline: t0 + .seconds(1)), .write(stream: 0))
        XCTAssertEqual(machine.requestSubmitted(deadline: t0 + .seconds(1)), .write(stream: 1))
        XCTAssertEqual(machine.responseReceived(stream: 1), .succeed(stream: 1))
        XCTAssertEqual(machine.responseReceived(stream: 0), .succeed(stream: 0))
        XCTAssertEqual(machine.requests.count, 0)
        XCTAssertEqual(machine.requestSubmitted(deadline: t0 + .seconds(1)), .write(stream: 0))
    }

    func testExhaustedStreamsAskCallersToWait() {
        var machine = readyMachine { $0.maxInFlight = 2 }
        XCTAssertEqual(machine.requestSubmitted(deadline: t0), .write(stream: 0))
        XCTAssertEqual(machine.requestSubmitted(deadline: t0), .write(stream: 1))
        XCTAssertEqual(machine.requestSubmitted(deadline: t0), .wait)
        XCTAssertEqual(machine.responseReceived(stream: 0), .succeed(stream: 0))
        XCTAssertEqual(machine.requestSubmitted(deadline: t0), .write(stream: 0))
    }

    func testResponseOnUnknownStreamClosesTheConnection() {
        var machine = readyMachine()
        guard case .close(let error) = machine.responseReceived(stream: 7) else { return XCTFail("expected close") }
        XCTAssertEqual(error.code, .protocolViolation)
        guard case .fail = machine.requestSubmitted(deadline: t0) else { return XCTFail("expected failure after close") }
    }

    func testCancelledRequestKeepsItsIDUntilTheLateResponse() {
        var machine = readyMachine { $0.maxInFlight = 1 }
        XCTAssertEqual(machine.requestSubmitted(deadline: t0 + .seconds(5)), .write(stream: 0))
        XCTAssertEqual(machine.requestCancelled(stream: 0), .failCancelled(stream: 0))
        XCTAssertEqual(machine.requestCancelled(stream: 0), .none)
        XCTAssertEqual(machine.requestSubmitted(deadline: t0), .wait)
        XCTAssertEqual(machine.responseReceived(stream: 0), .drop)
        XCTAssertEqual(machine.requestSubmitted(deadline: t0), .write(stream: 0))
    }

    func testTimerFailsExpiredRequestsEarliestFirstAndOrphansThem() {
        var machine = readyMachine { $0.heartbeatInterval = nil }
        XCTAssertEqual(machine.requestSubmitted(deadline: t0 + .milliseconds(300)), .write(stream: 0))
        XCTAssertEqual(machine.requestSubmitted(deadline: t0 + .milliseconds(100)), .write(stream: 1))
        XCTAssertEqual(machine.requestSubmitted(deadline: t0 + .milliseconds(900)), .write(stream: 2))
        XCTAssertEqual(machine.timerFired(now: t0 + .milliseconds(50)), [])
        XCTAssertEqual(machine.timerFired(now: t0 + .milliseconds(400)), [.failTimedOut(stream: 1), .failTimedOut(stream: 0)])
        XCTAssertEqual(machine.requests.orphanCount, 2)
        XCTAssertEqual(machine.responseReceived(stream: 1), .drop)
        XCTAssertEqual(machine.responseReceived(stream: 2), .succeed(stream: 2))
        XCTAssertEqual(machine.timerFired(now: t0 + .seconds(2)), [])
    }

    func testHeartbeatWhenIdleAndItsAnswerIsDropped() {
        var machine = readyMachine { $0.heartbeatInterval = .seconds(30) }
        machine.readReceived(now: t0)
        XCTAssertEqual(machine.timerFired(now: t0 + .seconds(10)), [])
        XCTAssertEqual(machine.timerFired(now: t0 + .seconds(31)), [.sendHeartbeat(stream: 0)])
        XCTAssertEqual(machine.timerFired(now: t0 + .seconds(32)), [])
        XCTAssertEqual(machine.responseReceived(stream: 0), .drop)
        XCTAssertEqual(machine.requests.count, 0)
    }

    func testUnansweredHeartbeatClosesTheConnection() {
        var machine = readyMachine { $0.heartbeatInterval = .seconds(30); $0.heartbeatTimeout = .seconds(5) }
        machine.readReceived(now: t0)
        XCTAssertEqual(machine.timerFired(now: t0 + .seconds(30)), [.sendHeartbeat(stream: 0)])
        let actions = machine.timerFired(now: t0 + .seconds(36))
        guard case .close(let error)? = actions.last else { return XCTFail("expected close, got \(actions)") }
        XCTAssertEqual(error.code, .connectionClosed)
    }

    func testTooManyOrphansRecycleTheConnection() {
        var machine = readyMachine { $0.maxOrphans = 2; $0.heartbeatInterval = nil }
        for _ in 0..<3 { _ = machine.requestSubmitted(deadline: t0) }
        let actions = machine.timerFired(now: t0 + .seconds(1))
        // Equal deadlines expire in no particular order.
        XCTAssertEqual(Set(actions.prefix(3).map { "\($0)" }),
                       Set([Machine.TimerAction.failTimedOut(stream: 0), .failTimedOut(stream: 1), .failTimedOut(stream: 2)].map { "\($0)" }))
        guard case .close? = actions.last else { return XCTFail("expected close, got \(actions)") }
    }

    func testCloseFailsEveryWaitingRequestButNotOrphans() {
        var machine = readyMachine()
        _ = machine.requestSubmitted(deadline: t0 + .seconds(1))
        _ = machine.requestSubmitted(deadline: t0 + .seconds(1))
        _ = machine.requestSubmitted(deadline: t0 + .seconds(1))
        _ = machine.requestCancelled(stream: 1)
        let reason = CassandraError(.connectionClosed, "peer closed")
        XCTAssertEqual(machine.closed(reason), .failAll(streams: [0, 2], reason))
        XCTAssertEqual(machine.closed(reason), .none)
        XCTAssertEqual(machine.requestSubmitted(deadline: t0), .fail(reason))
    }

    func testCloseRequestedFirstWinsAsTheReason() {
        var machine = readyMachine()
        _ = machine.requestSubmitted(deadline: t0 + .seconds(1))
        let shutdown = CassandraError(.shutdown, "closing")
        XCTAssertTrue(machine.closeRequested(shutdown))
        XCTAssertFalse(machine.closeRequested(shutdown))
        XCTAssertEqual(machine.closed(CassandraError(.connectionClosed, "socket")), .failAll(streams: [0], shutdown))
    }

    func testHandshakeFailureClosesAndReports() {
        var machine = Machine(configuration: .init())
        _ = machine.connected(handshake: .init())
        guard case .fail = machine.handshakeMessageReceived(.ready) else { return XCTFail("expected failure") }
        XCTAssertFalse(machine.isReady)
        XCTAssertFalse(machine.isHandshaking)
    }
}
