/// A frame opcode (native_protocol_v4.spec §2.4).
public enum Opcode: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// ERROR (response).
    case error = 0x00
    /// STARTUP (request).
    case startup = 0x01
    /// READY (response).
    case ready = 0x02
    /// AUTHENTICATE (response).
    case authenticate = 0x03
    /// OPTIONS (request).
    case options = 0x05
    /// SUPPORTED (response).
    case supported = 0x06
    /// QUERY (request).
    case query = 0x07
    /// RESULT (response).
    case result = 0x08
    /// PREPARE (request).
    case prepare = 0x09
    /// EXECUTE (request).
    case execute = 0x0A
    /// REGISTER (request).
    case register = 0x0B
    /// EVENT (response, stream -1).
    case event = 0x0C
    /// BATCH (request).
    case batch = 0x0D
    /// AUTH_CHALLENGE (response).
    case authChallenge = 0x0E
    /// AUTH_RESPONSE (request).
    case authResponse = 0x0F
    /// AUTH_SUCCESS (response).
    case authSuccess = 0x10

    /// Whether a client sends this opcode.
    public var isRequest: Bool {
        switch self {
        case .startup, .options, .query, .prepare, .execute, .register, .batch, .authResponse: true
        default: false
        }
    }

    /// The spec's upper-case name, e.g. `AUTH_RESPONSE`.
    public var description: String {
        switch self {
        case .error: "ERROR"
        case .startup: "STARTUP"
        case .ready: "READY"
        case .authenticate: "AUTHENTICATE"
        case .options: "OPTIONS"
        case .supported: "SUPPORTED"
        case .query: "QUERY"
        case .result: "RESULT"
        case .prepare: "PREPARE"
        case .execute: "EXECUTE"
        case .register: "REGISTER"
        case .event: "EVENT"
        case .batch: "BATCH"
        case .authChallenge: "AUTH_CHALLENGE"
        case .authResponse: "AUTH_RESPONSE"
        case .authSuccess: "AUTH_SUCCESS"
        }
    }
}
