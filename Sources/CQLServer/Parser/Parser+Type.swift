import CQLProtocol

extension Parser {
    /// Parses a `comparatorType`: native, collection, tuple, vector, user-defined, custom
    /// (`'class'`) or `frozen<…>`.
    mutating func typeExpression() throws(ParseError) -> CQLTypeExpression {
        try enter()
        defer { leave() }
        let token = current
        if token.kind == .string {
            advance()
            return .custom(token.value)
        }
        if token.kind == .identifier && isSymbol("<", at: 1) {
            switch token.value {
            case "frozen":
                advance()
                advance()
                let inner = try typeExpression()
                try expectSymbol(">")
                return .frozen(inner)
            case "list", "set":
                advance()
                advance()
                let element = try typeExpression()
                try expectSymbol(">")
                return token.value == "list" ? .list(element) : .set(element)
            case "map":
                advance()
                advance()
                let key = try typeExpression()
                try expectSymbol(",")
                let value = try typeExpression()
                try expectSymbol(">")
                return .map(key, value)
            case "tuple":
                advance()
                advance()
                var elements = [try typeExpression()]
                while consumeSymbol(",") { elements.append(try typeExpression()) }
                try expectSymbol(">")
                return .tuple(elements)
            case "vector":
                advance()
                advance()
                let element = try typeExpression()
                try expectSymbol(",")
                guard current.kind == .integer, let dimension = Int(current.value), dimension > 0 else {
                    throw mismatched(expecting: "INTEGER")
                }
                advance()
                try expectSymbol(">")
                return .vector(element, dimension: dimension)
            default:
                break
            }
        }
        if token.kind == .identifier, let native = CQLType(nativeName: token.value), Keywords.nativeTypes.contains(token.value) {
            advance()
            return .native(native)
        }
        return .userDefined(try userTypeName())
    }

    /// Parses a `native_type` (the target of `CAST`).
    mutating func nativeType() throws(ParseError) -> CQLTypeExpression {
        guard current.kind == .identifier, Keywords.nativeTypes.contains(current.value),
              let native = CQLType(nativeName: current.value) else {
            throw noViableAlternative()
        }
        advance()
        return .native(native)
    }
}
