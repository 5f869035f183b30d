/// An ERROR response from the server: a code, a message and the code's structured
/// extra fields (native_protocol_v4.spec §4.2.1 and §9).
///
/// Structured fields are kept as values, never folded into the message string, so a
/// retry policy can switch on ``details`` (for example ``Details/writeTimeout(consistency:received:blockFor:writeType:)``'s
/// `writeType`). Codes this library does not know are kept in ``code`` with `details == nil`.
///
/// The wire encoding lives next to the message in `Messages/Responses/ErrorResponse.swift`.
public struct ServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error code (native_protocol_v4.spec §9).
    public let code: Code
    /// The server's human-readable message.
    public let message: String
    /// The code's extra fields; `nil` for codes that carry none (and for unknown codes).
    public let details: Details?

    /// Creates an error for a code that carries no extra fields.
    ///
    /// - Parameters:
    ///   - code: The error code.
    ///   - message: The message text.
    /// - Precondition: `code` is not one of the codes with structured fields
    ///   (use ``init(message:details:)`` for those), so the value always encodes to a decodable body.
    public init(code: Code, message: String) {
        precondition(!code.hasDetails, "\(code) carries structured fields; use ServerError(message:details:)")
        self.code = code
        self.message = message
        self.details = nil
    }

    /// Creates an error whose code follows from its structured fields.
    ///
    /// - Parameters:
    ///   - message: The message text.
    ///   - details: The extra fields; ``code`` is ``Details/code``.
    public init(message: String, details: Details) {
        self.code = details.code
        self.message = message
        self.details = details
    }

    /// Creates an error without checking that `code` and `details` agree. Used by the decoder,
    /// which reads the details that `code` announces.
    init(uncheckedCode code: Code, message: String, details: Details?) {
        self.code = code
        self.message = message
        self.details = details
    }

    /// The code name and the server's message.
    public var description: String { "ServerError(\(code)): \(message)" }
}
