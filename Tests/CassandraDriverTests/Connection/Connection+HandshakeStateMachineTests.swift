import CQLProtocol
import XCTest
@testable import CassandraDriver

/// Handshake transcripts: one line per message.
final class ConnectionHandshakeStateMachineTests: XCTestCase {
    typealias Machine = Connection.HandshakeStateMachine
    private let credentials = Session.Configuration.Credentials(username: "user", password: "pass")
    private let plainToken: [UInt8] = [0] + Array("user".utf8) + [0] + Array("pass".utf8)

    private func supported(compression: [String] = ["lz4"]) -> ResponseMessage {
        .supported(.init(options: ["CQL_VERSION": ["3.4.5"], "COMPRESSION": compression]))
    }

    func testPlainHandshake() {
        var machine = Machine(options: .init())
        XCTAssertEqual(machine.started(), .sendOptions)
        XCTAssertEqual(machine.messageReceived(supported()), .sendStartup(compression: nil))
        XCTAssertEqual(machine.messageReceived(.ready), .completed)
        XCTAssertTrue(machine.isFinished)
    }

    func testCompressionOnlyWhenConfiguredAndOffered() {
        var offered = Machine(options: .init(compression: "lz4"))
        _ = offered.started()
        XCTAssertEqual(offered.messageReceived(supported()), .sendStartup(compression: "lz4"))

        var notOffered = Machine(options: .init(compression: "lz4"))
        _ = notOffered.started()
        XCTAssertEqual(notOffered.messageReceived(supported(compression: ["snappy"])), .sendStartup(compression: nil))
    }

    func testSASLPlainAuthentication() {
        var machine = Machine(options: .init(credentials: credentials))
        _ = machine.started()
        _ = machine.messageReceived(supported())
        XCTAssertEqual(machine.messageReceived(.authenticate(.init(authenticator: "PasswordAuthenticator"))),
                       .sendAuthResponse(plainToken))
        XCTAssertEqual(machine.messageReceived(.authSuccess(.init(token: nil))), .completed)
    }

    func testChallengesAreAnsweredAFewTimesThenRefused() {
        var machine = Machine(options: .init(credentials: credentials))
        _ = machine.started()
        _ = machine.messageReceived(supported())
        _ = machine.messageReceived(.authenticate(.init(authenticator: "PasswordAuthenticator")))
        XCTAssertEqual(machine.messageReceived(.authChallenge(.init(token: []))), .sendAuthResponse(plainToken))
        XCTAssertEqual(machine.messageReceived(.authChallenge(.init(token: []))), .sendAuthResponse(plainToken))
        guard case .fail(let error) = machine.messageReceived(.authChallenge(.init(token: []))) else {
            return XCTFail("expected failure")
        }
        XCTAssertEqual(error.code, .authentication)
    }

    func testAuthenticationRequiredWithoutCredentialsFails() {
        var machine = Machine(options: .init())
        _ = machine.started()
        _ = machine.messageReceived(supported())
        guard case .fail(let error) = machine.messageReceived(.authenticate(.init(authenticator: "PasswordAuthenticator"))) else {
            return XCTFail("expected failure")
        }
        XCTAssertEqual(error.code, .authentication)
        XCTAssertTrue(error.message.contains("credentials"))
    }

    func testBadCredentialsFailAsAuthentication() {
        var machine = Machine(options: .init(credentials: credentials))
        _ = machine.started()
        _ = machine.messageReceived(supported())
        _ = machine.messageReceived(.authenticate(.init(authenticator: "PasswordAuthenticator")))
        let serverError = ServerError(code: .authenticationError, message: "bad credentials")
        guard case .fail(let error) = machine.messageReceived(.error(serverError)) else { return XCTFail("expected failure") }
        XCTAssertEqual(error.code, .authentication)
        XCTAssertEqual(error.serverError, serverError)
    }

    func testRegisterOnControlConnections() {
        var machine = Machine(options: .init(events: [.topologyChange, .schemaChange]))
        _ = machine.started()
        _ = machine.messageReceived(supported())
        XCTAssertEqual(machine.messageReceived(.ready), .sendRegister([.topologyChange, .schemaChange]))
        XCTAssertEqual(machine.messageReceived(.ready), .completed)
    }

    func testVersionErrorDowngradesV4ToV3() {
        var machine = Machine(options: .init(protocolVersion: 4))
        _ = machine.started()
        let error = ServerError(code: .protocolError, message: "Invalid or unsupported protocol version (4); supported versions are (3/v3)")
        XCTAssertEqual(machine.messageReceived(.error(error)), .retryWithProtocolVersion(3))
    }

    func testVersionErrorAtV3IsFinal() {
        var machine = Machine(options: .init(protocolVersion: 3))
        _ = machine.started()
        let error = ServerError(code: .protocolError, message: "Invalid or unsupported protocol version (3)")
        guard case .fail(let failure) = machine.messageReceived(.error(error)) else { return XCTFail("expected failure") }
        XCTAssertEqual(failure.code, .unsupportedProtocolVersion)
    }

    func testOtherProtocolErrorsDoNotDowngrade() {
        var machine = Machine(options: .init())
        _ = machine.started()
        guard case .fail(let failure) = machine.messageReceived(.error(ServerError(code: .protocolError, message: "bad frame"))) else {
            return XCTFail("expected failure")
        }
        XCTAssertEqual(failure.code, .server)
    }

    func testServerErrorAfterStartupFails() {
        var machine = Machine(options: .init())
        _ = machine.started()
        _ = machine.messageReceived(supported())
        guard case .fail(let failure) = machine.messageReceived(.error(ServerError(code: .serverError, message: "boom"))) else {
            return XCTFail("expected failure")
        }
        XCTAssertEqual(failure.code, .server)
    }

    func testUnexpectedMessageIsAProtocolViolation() {
        var machine = Machine(options: .init())
        _ = machine.started()
        guard case .fail(let failure) = machine.messageReceived(.ready) else { return XCTFail("expected failure") }
        XCTAssertEqual(failure.code, .protocolViolation)
        XCTAssertTrue(machine.isFinished)
    }

    func testStartingTwiceIsAProtocolViolation() {
        var machine = Machine(options: .init())
        _ = machine.started()
        guard case .fail(let failure) = machine.started() else { return XCTFail("expected failure") }
        XCTAssertEqual(failure.code, .protocolViolation)
    }

    func testCloseDuringHandshakeFailsWithTheReason() {
        var machine = Machine(options: .init())
        _ = machine.started()
        let reason = CassandraError(.connectionClosed, "peer closed")
        XCTAssertEqual(machine.closed(reason), .fail(reason))
        XCTAssertTrue(machine.isFinished)
    }
}
