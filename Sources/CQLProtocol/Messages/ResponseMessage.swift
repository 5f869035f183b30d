/// Every response a server sends, one case per response opcode (native_protocol_v4.spec §4.2).
///
/// The embedded server encodes these and the driver decodes them, with the same code. Each
/// payload type encodes and decodes itself in its own file under `Messages/Responses/`.
public enum ResponseMessage: Sendable, Hashable {
    /// ERROR (§4.2.1).
    case error(ServerError)
    /// READY (§4.2.2): the body is empty.
    case ready
    /// AUTHENTICATE (§4.2.3).
    case authenticate(Authenticate)
    /// SUPPORTED (§4.2.4).
    case supported(Supported)
    /// RESULT (§4.2.5).
    case result(Result)
    /// EVENT (§4.2.6).
    case event(Event)
    /// AUTH_CHALLENGE (§4.2.7).
    case authChallenge(AuthChallenge)
    /// AUTH_SUCCESS (§4.2.8).
    case authSuccess(AuthSuccess)

    /// The frame opcode for this message (native_protocol_v4.spec §2.4).
    public var opcode: Opcode {
        switch self {
        case .error: .error
        case .ready: .ready
        case .authenticate: .authenticate
        case .supported: .supported
        case .result: .result
        case .event: .event
        case .authChallenge: .authChallenge
        case .authSuccess: .authSuccess
        }
    }

    /// Writes the message body (without frame header or envelope).
    public func encode(into buffer: inout CQLBuffer) {
        switch self {
        case .error(let error): error.encode(into: &buffer)
        case .ready: break
        case .authenticate(let message): message.encode(into: &buffer)
        case .supported(let message): message.encode(into: &buffer)
        case .result(let message): message.encode(into: &buffer)
        case .event(let message): message.encode(into: &buffer)
        case .authChallenge(let message): message.encode(into: &buffer)
        case .authSuccess(let message): message.encode(into: &buffer)
        }
    }

    /// Decodes a response body.
    ///
    /// By default the body must be fully consumed. native_protocol_v4.spec §1 and §4.2 let
    /// clients ignore extra bytes at the end of a body (room for extensions); pass
    /// `allowTrailingBytes: true` for that lenient behaviour.
    ///
    /// - Parameters:
    ///   - opcode: The frame's opcode.
    ///   - body: The frame body, positioned after the envelope (tracing id, warnings, custom payload).
    ///   - allowTrailingBytes: Whether bytes after the message are ignored instead of rejected.
    /// - Returns: The message.
    /// - Throws: ``CQLProtocolError`` with ``CQLProtocolError/Code/unexpectedMessage`` for a
    ///   request opcode, ``CQLProtocolError/Code/trailingBytes`` when bytes are left over, or
    ///   the payload's own decoding error. The error's `opcode` is set.
    public static func decode(opcode: Opcode, from body: inout CQLBuffer, allowTrailingBytes: Bool = false) throws(CQLProtocolError) -> ResponseMessage {
        do throws(CQLProtocolError) {
            let message: ResponseMessage
            switch opcode {
            case .error: message = .error(try ServerError.decode(from: &body))
            case .ready: message = .ready
            case .authenticate: message = .authenticate(try .decode(from: &body))
            case .supported: message = .supported(try .decode(from: &body))
            case .result: message = .result(try .decode(from: &body))
            case .event: message = .event(try .decode(from: &body))
            case .authChallenge: message = .authChallenge(try .decode(from: &body))
            case .authSuccess: message = .authSuccess(try .decode(from: &body))
            case .startup, .authResponse, .options, .query, .prepare, .execute, .batch, .register:
                throw CQLProtocolError(.unexpectedMessage, "\(opcode) is a request, not a response; check the frame direction")
            }
            if !allowTrailingBytes { try body.requireFullyConsumed("\(opcode) response") }
            return message
        } catch {
            var error = error
            error.opcode = opcode.rawValue
            throw error
        }
    }
}
