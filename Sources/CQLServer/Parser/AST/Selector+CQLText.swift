extension Selector {
    /// The selector written back as CQL, for messages that quote it (`writetime(v)`,
    /// `CAST(v AS text)`, `m['k']`).
    public var cqlText: String {
        switch self {
        case .column(let column): column.cqlText
        case .countRows: "count(*)"
        case .writeTime(let column): "writetime(\(column.cqlText))"
        case .maxWriteTime(let column): "maxwritetime(\(column.cqlText))"
        case .timeToLive(let column): "ttl(\(column.cqlText))"
        case .function(let name, let arguments): "\(name)(" + arguments.map(\.cqlText).joined(separator: ", ") + ")"
        case .cast(let selector, let type): "CAST(\(selector.cqlText) AS \(type))"
        case .field(let selector, let field): "\(selector.cqlText).\(field.cqlText)"
        case .element(let selector, let key): "\(selector.cqlText)[\(key.cqlText)]"
        case .term(let term): term.cqlText
        case .typeHint(let type, let selector): "(\(type))\(selector.cqlText)"
        }
    }
}
