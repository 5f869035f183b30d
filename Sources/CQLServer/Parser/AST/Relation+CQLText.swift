extension Relation {
    /// The relation written back as CQL (`c IS NOT NULL`, `c = 1`, `c IN (1, 2)`,
    /// `(c1, c2) > (1, 2)`, `token(k) > 3`, `c BETWEEN 1 AND 2`), as Cassandra prints the
    /// relations of a materialized view's `where_clause`.
    public var cqlText: String {
        let target: String = switch self.target {
        case .column(let column): column.cqlText
        case .element(let column, let key): "\(column.cqlText)[\(key.cqlText)]"
        case .token(let columns): "token(" + columns.map(\.cqlText).joined(separator: ", ") + ")"
        case .columns(let columns): "(" + columns.map(\.cqlText).joined(separator: ", ") + ")"
        }
        if `operator` == .isNot { return "\(target) IS NOT NULL" }
        let value: String = switch self.value {
        case .term(let term): term.cqlText
        case .list(let terms): "(" + terms.map(\.cqlText).joined(separator: ", ") + ")"
        case .range(let lower, let upper): "\(lower.cqlText) AND \(upper.cqlText)"
        }
        return "\(target) \(`operator`) \(value)"
    }

    /// Whether a bind marker occurs anywhere in the relation.
    public var containsBindMarker: Bool {
        switch value {
        case .term(let term): term.containsBindMarker
        case .list(let terms): terms.contains { $0.containsBindMarker }
        case .range(let lower, let upper): lower.containsBindMarker || upper.containsBindMarker
        }
    }
}
