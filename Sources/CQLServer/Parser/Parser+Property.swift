import CQLProtocol

extension Parser {
    /// Parses `property (AND property)*` (`properties` in `Parser.g`).
    /// - Throws: ``ParseError`` with Cassandra's `Multiple definition for property x` on a
    ///   repeated name.
    mutating func properties() throws(ParseError) -> [Property] {
        var properties: [Property] = []
        repeat {
            let nameToken = current
            let property = try property()
            if properties.contains(where: { $0.name == property.name }) {
                throw plainError("Multiple definition for property \(property.name)", at: nameToken)
            }
            properties.append(property)
        } while consumeKeyword("and")
        return properties
    }

    /// Parses `name = constant | unreserved_keyword | {constant: constant, …}`.
    mutating func property() throws(ParseError) -> Property {
        let name = try identifier().name
        try expectSymbol("=")
        if isSymbol("{") { return Property(name: name, value: .map(try propertyMap())) }
        if let text = propertyConstant() { return Property(name: name, value: .text(text)) }
        if current.kind == .identifier && !CQLKeywords.isReserved(current.value) {
            return Property(name: name, value: .text(advance().value))
        }
        throw noViableAlternative()
    }

    /// Parses `{k: v, …}` whose keys and values are constants (`fullMapLiteral` checked by
    /// `convertPropertyMap`).
    private mutating func propertyMap() throws(ParseError) -> [String: String] {
        try expectSymbol("{")
        var map: [String: String] = [:]
        if consumeSymbol("}") { return map }
        repeat {
            let keyToken = current
            guard let key = propertyConstant() else { throw invalidProperty("name: \(keyToken.text)", keyToken) }
            try expectSymbol(":")
            let valueToken = current
            guard let value = propertyConstant() else {
                throw invalidProperty("value: \(valueToken.text) for property: \(key)", valueToken)
            }
            guard map.updateValue(value, forKey: key) == nil else {
                throw plainError("Multiple definition for property \(key)", at: keyToken)
            }
        } while consumeSymbol(",")
        try expectSymbol("}")
        return map
    }

    private func invalidProperty(_ detail: String, _ token: Token) -> ParseError {
        let isMarker = token.isSymbol("?") || token.isSymbol(":")
        if !isMarker && !isIdentifier(token) && !token.isSymbol("{") && !token.isSymbol("[") && !token.isSymbol("(") {
            return noViableAlternative(at: token)
        }
        let suffix = isMarker ? " (bind variables are not supported in DDL queries)" : ""
        return plainError("Invalid property \(detail)\(suffix)", at: token)
    }

    /// Consumes a `constant` and returns its raw text as Cassandra's `getRawText` does:
    /// string content, or the token as written.
    private mutating func propertyConstant() -> String? {
        switch current.kind {
        case .string: advance().value
        case .integer, .float, .boolean, .duration, .uuid, .hexNumber: advance().text
        default: nil
        }
    }
}
