extension Term {
    /// The term written back as CQL, the way Cassandra prints a raw term (`Term.Raw.getText`):
    /// strings quoted with `''` escapes, other constants as written, `NULL`, collections,
    /// tuples and UDT literals with `, ` separators.
    ///
    /// Used where Cassandra stores or reports CQL text it parsed, such as the `where_clause`
    /// of `system_schema.views`.
    public var cqlText: String {
        switch self {
        case .literal(let literal): literal.cqlText
        case .null: "NULL"
        case .bindMarker(let marker): marker.name.map { ":" + $0.cqlText } ?? "?"
        case .list(let elements): "[" + elements.map(\.cqlText).joined(separator: ", ") + "]"
        case .set(let elements): "{" + elements.map(\.cqlText).joined(separator: ", ") + "}"
        case .map(let entries): "{" + entries.map { "\($0.key.cqlText): \($0.value.cqlText)" }.joined(separator: ", ") + "}"
        case .tuple(let elements): "(" + elements.map(\.cqlText).joined(separator: ", ") + ")"
        case .userType(let fields): "{" + fields.map { "\($0.name.cqlText): \($0.value.cqlText)" }.joined(separator: ", ") + "}"
        case .functionCall(let name, let arguments): "\(name)(" + arguments.map(\.cqlText).joined(separator: ", ") + ")"
        case .typeHint(let type, let term): "(\(type))\(term.cqlText)"
        case .cast(let term, let type): "CAST(\(term.cqlText) AS \(type))"
        case .negation(let term): "-" + term.cqlText
        }
    }

    /// Whether a bind marker occurs anywhere in the term.
    public var containsBindMarker: Bool {
        switch self {
        case .bindMarker: true
        case .literal, .null: false
        case .list(let elements), .set(let elements), .tuple(let elements), .functionCall(_, let elements):
            elements.contains { $0.containsBindMarker }
        case .map(let entries): entries.contains { $0.key.containsBindMarker || $0.value.containsBindMarker }
        case .userType(let fields): fields.contains { $0.value.containsBindMarker }
        case .typeHint(_, let term), .cast(let term, _), .negation(let term): term.containsBindMarker
        }
    }
}

extension Literal {
    /// The constant as CQL text: a string in single quotes (inner quotes doubled), a blob as
    /// `0x…`, a UUID in lowercase, anything else as written.
    public var cqlText: String {
        switch self {
        case .string(let text): "'" + String(text.flatMap { $0 == "'" ? ["'", "'"] : [$0] }) + "'"
        case .integer(let text), .float(let text), .duration(let text): text
        case .boolean(let value): value ? "true" : "false"
        case .uuid(let uuid): uuid.uuidString.lowercased()
        case .blob(let bytes): "0x" + bytes.hexString
        }
    }
}
