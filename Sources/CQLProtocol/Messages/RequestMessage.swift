/// Every request a client sends, one case per request opcode (native_protocol_v4.spec §4.1).
///
/// The driver encodes these and the embedded server decodes them, with the same code. Each
/// payload type encodes and decodes itself in its own file under `Messages/Requests/`.
public enum RequestMessage: Sendable, Hashable {
    /// STARTUP (§4.1.1).
    case startup(Startup)
    /// AUTH_RESPONSE (§4.1.2).
    case authResponse(AuthResponse)
    /// OPTIONS (§4.1.3): the body is empty.
    case options
    /// QUERY (§4.1.4).
    case query(Query)
    /// PREPARE (§4.1.5).
    case prepare(Prepare)
    /// EXECUTE (§4.1.6).
    case execute(Execute)
    /// BATCH (§4.1.7).
    case batch(Batch)
    /// REGISTER (§4.1.8).
    case register(Register)

    /// The frame opcode for this message (native_protocol_v4.spec §2.4).
    public var opcode: Opcode {
        switch self {
        case .startup: .startup
        case .authResponse: .authResponse
        case .options: .options
        case .query: .query
        case .prepare: .prepare
        case .execute: .execute
        case .batch: .batch
        case .register: .register
        }
    }

    /// Writes the message body (without frame header or envelope).
    public func encode(into buffer: inout CQLBuffer) {
        switch self {
        case .startup(let message): message.encode(into: &buffer)
        case .authResponse(let message): message.encode(into: &buffer)
        case .options: break
        case .query(let message): message.encode(into: &buffer)
        case .prepare(let message): message.encode(into: &buffer)
        case .execute(let message): message.encode(into: &buffer)
        case .batch(let message): message.encode(into: &buffer)
        case .register(let message): message.encode(into: &buffer)
        }
    }

    /// Decodes a request body and requires it to be fully consumed.
    ///
    /// - Parameters:
    ///   - opcode: The frame's opcode.
    ///   - body: The frame body, positioned after the envelope (custom payload).
    /// - Returns: The message.
    /// - Throws: ``CQLProtocolError`` with ``CQLProtocolError/Code/unexpectedMessage`` for a
    ///   response opcode, ``CQLProtocolError/Code/trailingBytes`` when bytes are left over, or
    ///   the payload's own decoding error. The error's `opcode` is set.
    public static func decode(opcode: Opcode, from body: inout CQLBuffer) throws(CQLProtocolError) -> RequestMessage {
        do throws(CQLProtocolError) {
            let message: RequestMessage
            switch opcode {
            case .startup: message = .startup(try .decode(from: &body))
            case .authResponse: message = .authResponse(try .decode(from: &body))
            case .options: message = .options
            case .query: message = .query(try .decode(from: &body))
            case .prepare: message = .prepare(try .decode(from: &body))
            case .execute: message = .execute(try .decode(from: &body))
            case .batch: message = .batch(try .decode(from: &body))
            case .register: message = .register(try .decode(from: &body))
            case .error, .ready, .authenticate, .supported, .result, .event, .authChallenge, .authSuccess:
                throw CQLProtocolError(.unexpectedMessage, "\(opcode) is a response, not a request; check the frame direction")
            }
            try body.requireFullyConsumed("\(opcode) request")
            return message
        } catch {
            var error = error
            error.opcode = opcode.rawValue
            throw error
        }
    }
}
