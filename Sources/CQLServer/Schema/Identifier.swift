/// CQL identifier rules: which names print bare and how to quote the rest.
enum Identifier {
    /// `name` as CQL must spell it: bare when it is lower-case alphanumeric (starting
    /// with a letter) and not a reserved word, double-quoted otherwise.
    static func quotedIfNeeded(_ name: String) -> String {
        let isBare = !name.isEmpty
            && name.first.map({ $0 >= "a" && $0 <= "z" }) == true
            && name.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "_" }
            && !reservedWords.contains(name)
        return isBare ? name : "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Cassandra's reserved keywords (they must be quoted to be used as identifiers).
    static let reservedWords: Set<String> = [
        "add", "allow", "alter", "and", "apply", "asc", "authorize", "batch", "begin", "by", "columnfamily",
        "create", "default", "delete", "desc", "describe", "drop", "entries", "execute", "from", "full", "grant",
        "if", "in", "index", "infinity", "insert", "into", "is", "keyspace", "limit", "mbean", "mbeans", "modify",
        "nan", "norecursive", "not", "null", "of", "on", "or", "order", "primary", "rename", "replace", "revoke",
        "schema", "select", "set", "table", "to", "token", "truncate", "unlogged", "unset", "update", "use", "using",
        "view", "where", "with",
    ]
}

extension String {
    /// Replaces every occurrence of `target` with `replacement` (Foundation-free).
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var remainder = Substring(self)
        while let range = remainder.firstRange(of: target) {
            result += remainder[remainder.startIndex..<range.lowerBound]
            result += replacement
            remainder = remainder[range.upperBound...]
        }
        return result + remainder
    }
}
