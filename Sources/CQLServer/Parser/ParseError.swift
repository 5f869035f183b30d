/// A CQL syntax error, sent to clients as a `SyntaxError` (error code 0x2000,
/// native_protocol_v4.spec §9).
///
/// Positional messages follow Cassandra's ANTLR wording, e.g.
/// `line 1:9 no viable alternative at input 'FRM'` or
/// `line 1:14 mismatched input 'x' expecting K_FROM`. Like ANTLR, ``line`` counts from 1 and
/// ``column`` counts characters from 0. Errors Cassandra reports without a position (such as
/// `Only expressions of the form X = X + <value> are supported.`) keep its plain wording, but
/// still carry the position of the offending token.
public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line of the offending token or character.
    public var line: Int
    /// The 0-based column (in Unicode scalars) of the offending token or character.
    public var column: Int
    /// The full message, as sent to the client.
    public var message: String

    /// Creates an error with an explicit message.
    /// - Parameters:
    ///   - line: The 1-based line.
    ///   - column: The 0-based column.
    ///   - message: The full message.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// Creates an error whose message is prefixed with `line L:C`, as ANTLR does.
    static func positioned(line: Int, column: Int, _ reason: String) -> ParseError {
        ParseError(line: line, column: column, message: "line \(line):\(column) \(reason)")
    }

    /// The message.
    public var description: String { message }
}
