import XCTest
@testable import CassandraDriver

final class ConnectionPoolStateMachineTests: XCTestCase {
    private typealias StateMachine = ConnectionPool.StateMachine

    /// Delays 1s, 2s, 4s … (no jitter), so transcripts show the backoff growing.
    private func makePool(size: Int, maxRequests: Int = 2) -> StateMachine {
        StateMachine(
            configuration: .init(targetSize: size, maxRequestsPerConnection: maxRequests),
            reconnectionPolicy: ExponentialReconnectionPolicy(baseDelay: .seconds(1), maxDelay: .seconds(60), jitter: 0)
        )
    }

    /// A pool of `size` ready connections with ids `0..<size`.
    private func readyPool(size: Int, maxRequests: Int = 2) -> StateMachine {
        var pool = makePool(size: size, maxRequests: maxRequests)
        XCTAssertEqual(pool.startRequested(), (0..<size).map { .createConnection($0) })
        for id in 0..<size { XCTAssertEqual(pool.connectionEstablished(id), []) }
        return pool
    }

    func testStartOpensTargetSizeAndLeasesOnlyReadyConnections() {
        var pool = makePool(size: 2)
        XCTAssertEqual(pool.requestStarted(), .noConnectionAvailable)
        XCTAssertEqual(pool.startRequested(), [.createConnection(0), .createConnection(1)])
        XCTAssertEqual(pool.startRequested(), [])
        XCTAssertEqual(pool.requestStarted(), .noConnectionAvailable)
        XCTAssertEqual(pool.connectionEstablished(1), [])
        XCTAssertEqual(pool.requestStarted(), .leaseConnection(1))
    }

    func testLeasesLeastBusyConnectionUntilAllAreFull() {
        var pool = readyPool(size: 2, maxRequests: 2)
        XCTAssertEqual(pool.requestStarted(), .leaseConnection(0))
        XCTAssertEqual(pool.requestStarted(), .leaseConnection(1))
        XCTAssertEqual(pool.requestStarted(), .leaseConnection(0))
        XCTAssertEqual(pool.requestStarted(), .leaseConnection(1))
        XCTAssertEqual(pool.requestStarted(), .noConnectionAvailable)
        XCTAssertEqual(pool.requestFinished(1), [])
        XCTAssertEqual(pool.requestStarted(), .leaseConnection(1))
        XCTAssertEqual(pool.requestFinished(0), [])
        XCTAssertEqual(pool.requestFinished(0), [])
        XCTAssertEqual(pool.requestStarted(), .leaseConnection(0))
    }

    func testOneFailedConnectionIsReplacedAfterBackoffWhileNodeStaysUp() {
        var pool = makePool(size: 2)
        _ = pool.startRequested()
        XCTAssertEqual(pool.connectionEstablished(0), [])
        XCTAssertEqual(pool.connectionFailed(1), [.scheduleReconnect(after: .seconds(1))])
        XCTAssertEqual(pool.requestStarted(), .leaseConnection(0))
        XCTAssertEqual(pool.backoffElapsed(), [.createConnection(2)])
        XCTAssertEqual(pool.connectionEstablished(2), [])
        XCTAssertEqual(pool.requestStarted(), .leaseConnection(2))
    }

    func testAllConnectionsFailMarksNodeDownAndBacksOffWithGrowingDelays() {
        var pool = makePool(size: 2)
        XCTAssertEqual(pool.startRequested(), [.createConnection(0), .createConnection(1)])
        XCTAssertEqual(pool.connectionFailed(0), [.scheduleReconnect(after: .seconds(1))])
        XCTAssertEqual(pool.connectionFailed(1), [.markNodeDown])
        XCTAssertEqual(pool.requestStarted(), .noConnectionAvailable)
        // While down, each backoff opens a single probe.
        XCTAssertEqual(pool.backoffElapsed(), [.createConnection(2)])
        XCTAssertEqual(pool.connectionFailed(2), [.scheduleReconnect(after: .seconds(2))])
        XCTAssertEqual(pool.backoffElapsed(), [.createConnection(3)])
        XCTAssertEqual(pool.connectionFailed(3), [.scheduleReconnect(after: .seconds(4))])
        XCTAssertEqual(pool.backoffElapsed(), [.createConnection(4)])
        // The probe succeeds: node up, pool refills at once, schedule starts over.
        XCTAssertEqual(pool.connectionEstablished(4), [.markNodeUp, .createConnection(5)])
        XCTAssertEqual(pool.connectionEstablished(5), [])
        XCTAssertEqual(pool.requestStarted(), .leaseConnection(4))
        XCTAssertEqual(pool.connectionClosed(5), [.scheduleReconnect(after: .seconds(1))])
    }

    func testSingleConnectionPoolFailureMarksDownAndSchedulesInOneStep() {
        var pool = makePool(size: 1)
        _ = pool.startRequested()
        XCTAssertEqual(pool.connectionFailed(0), [.markNodeDown, .scheduleReconnect(after: .seconds(1))])
    }

    func testUnexpectedCloseOfLastReadyConnectionMarksNodeDown() {
        var pool = readyPool(size: 1)
        XCTAssertEqual(pool.requestStarted(), .leaseConnection(0))
        XCTAssertEqual(pool.connectionClosed(0), [.markNodeDown, .scheduleReconnect(after: .seconds(1))])
        XCTAssertEqual(pool.requestFinished(0), [], "a finish on a connection that is gone is ignored")
        XCTAssertEqual(pool.requestStarted(), .noConnectionAvailable)
    }

    func testNodeReportedUpWhileDownProbesNowWithAFreshBackoff() {
        var pool = makePool(size: 2)
        _ = pool.startRequested()
        XCTAssertEqual(pool.connectionFailed(0), [.scheduleReconnect(after: .seconds(1))])
        XCTAssertEqual(pool.connectionFailed(1), [.markNodeDown])
        XCTAssertEqual(pool.backoffElapsed(), [.createConnection(2)])
        XCTAssertEqual(pool.connectionFailed(2), [.scheduleReconnect(after: .seconds(2))])
        XCTAssertEqual(pool.nodeReportedUp(), [.cancelReconnect, .createConnection(3)], "the UP event does not wait out the backoff")
        XCTAssertEqual(pool.connectionEstablished(3), [.markNodeUp, .createConnection(4)])
        XCTAssertEqual(pool.nodeReportedUp(), [], "nothing is pending once the node is back")
        XCTAssertEqual(pool.connectionClosed(3), [.scheduleReconnect(after: .seconds(1))], "the backoff restarted from its base")
    }

    func testNodeReportedUpWithoutPendingReconnectDoesNothing() {
        var pool = readyPool(size: 2)
        XCTAssertEqual(pool.nodeReportedUp(), [])
    }

    func testSecondLossWhileReconnectPendingSchedulesNothingMore() {
        var pool = readyPool(size: 3)
        XCTAssertEqual(pool.connectionClosed(0), [.scheduleReconnect(after: .seconds(1))])
        XCTAssertEqual(pool.connectionClosed(1), [])
        XCTAssertEqual(pool.backoffElapsed(), [.createConnection(3), .createConnection(4)])
        XCTAssertEqual(pool.backoffElapsed(), [], "no reconnect was scheduled")
    }

    func testShutdownClosesIdleDrainsBusyAndCompletesAfterLastClose() {
        var pool = readyPool(size: 2)
        XCTAssertEqual(pool.requestStarted(), .leaseConnection(0))
        XCTAssertEqual(pool.shutdownRequested(), [.closeConnection(1)])
        XCTAssertEqual(pool.requestStarted(), .noConnectionAvailable)
        XCTAssertEqual(pool.shutdownRequested(), [])
        XCTAssertEqual(pool.connectionClosed(1), [])
        XCTAssertEqual(pool.requestFinished(0), [.closeConnection(0)])
        XCTAssertEqual(pool.connectionClosed(0), [.shutdownComplete])
        XCTAssertEqual(pool.backoffElapsed(), [])
    }

    func testShutdownWhileConnectingClosesConnectionsAsTheyOpen() {
        var pool = makePool(size: 2)
        _ = pool.startRequested()
        XCTAssertEqual(pool.shutdownRequested(), [])
        XCTAssertEqual(pool.connectionEstablished(0), [.closeConnection(0)])
        XCTAssertEqual(pool.connectionFailed(1), [])
        XCTAssertEqual(pool.connectionClosed(0), [.shutdownComplete])
    }

    func testShutdownWhileConnectingCompletesWhenLastAttemptFails() {
        var pool = makePool(size: 1)
        _ = pool.startRequested()
        XCTAssertEqual(pool.shutdownRequested(), [])
        XCTAssertEqual(pool.connectionFailed(0), [.shutdownComplete])
    }

    func testShutdownWhileNodeDownCancelsReconnectAndCompletes() {
        var pool = makePool(size: 1)
        _ = pool.startRequested()
        XCTAssertEqual(pool.connectionFailed(0), [.markNodeDown, .scheduleReconnect(after: .seconds(1))])
        XCTAssertEqual(pool.shutdownRequested(), [.cancelReconnect, .shutdownComplete])
        XCTAssertEqual(pool.backoffElapsed(), [])
        XCTAssertEqual(pool.startRequested(), [])
    }

    func testShutdownBeforeStartCompletesAtOnce() {
        var pool = makePool(size: 2)
        XCTAssertEqual(pool.shutdownRequested(), [.shutdownComplete])
        XCTAssertEqual(pool.startRequested(), [])
    }

    func testPeerClosingDrainingConnectionDuringShutdown() {
        var pool = readyPool(size: 1)
        XCTAssertEqual(pool.requestStarted(), .leaseConnection(0))
        XCTAssertEqual(pool.shutdownRequested(), [])
        XCTAssertEqual(pool.connectionClosed(0), [.shutdownComplete])
    }

    func testEventsForUnknownConnectionsAreIgnored() {
        var pool = readyPool(size: 1)
        XCTAssertEqual(pool.connectionEstablished(42), [])
        XCTAssertEqual(pool.connectionEstablished(0), [], "already ready")
        XCTAssertEqual(pool.connectionFailed(42), [])
        XCTAssertEqual(pool.connectionFailed(0), [], "a ready connection cannot fail to open")
        XCTAssertEqual(pool.connectionClosed(42), [])
        XCTAssertEqual(pool.requestFinished(42), [])
        XCTAssertEqual(pool.requestStarted(), .leaseConnection(0))
    }
}
