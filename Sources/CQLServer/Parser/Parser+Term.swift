import Foundation

extension Parser {
    /// Parses a `term`: `-`? followed by a `simpleTerm`.
    ///
    /// Arithmetic between terms (`1 + 2`) is not supported; `c = c + x` in `UPDATE` is handled
    /// by the assignment parser.
    mutating func term() throws(ParseError) -> Term {
        try enter()
        defer { leave() }
        guard consumeSymbol("-") else { return try simpleTerm() }
        let operand = try simpleTerm()
        switch operand {
        case .literal(.integer(let text)) where !text.hasPrefix("-"): return .literal(.integer("-" + text))
        case .literal(.float(let text)) where text == "NaN": return operand
        case .literal(.float(let text)) where !text.hasPrefix("-"): return .literal(.float("-" + text))
        default: return .negation(operand)
        }
    }

    /// Whether the current token can start a term.
    var isAtTermStart: Bool {
        switch current.kind {
        case .string, .integer, .float, .boolean, .duration, .uuid, .hexNumber: return true
        case .symbol: return ["?", "[", "{", "(", "-"].contains(current.value) || isAtBindMarker
        case .identifier: return current.value == "null" || isAtCast || isAtFunctionCall
        case .quotedName: return isAtFunctionCall
        case .endOfInput: return false
        }
    }

    private var isAtCast: Bool { isKeyword("cast") && isSymbol("(", at: 1) }

    /// Parses a `simpleTerm`: a value, a function call, a type hint or a cast.
    mutating func simpleTerm() throws(ParseError) -> Term {
        try enter()
        defer { leave() }
        if let literal = try literal() { return .literal(literal) }
        if consumeKeyword("null") { return .null }
        if isAtBindMarker { return .bindMarker(try bindMarker()) }
        if isSymbol("[") { return .list(try termList(open: "[", close: "]")) }
        if isSymbol("{") { return try braceLiteral() }
        if isSymbol("(") {
            if let hinted = try typeHintedTerm() { return hinted }
            return .tuple(try termList(open: "(", close: ")", allowEmpty: false))
        }
        if isAtCast {
            advance()
            advance()
            let operand = try simpleTerm()
            try expectKeyword("as")
            let type = try nativeType()
            try expectSymbol(")")
            return .cast(operand, type)
        }
        if isAtFunctionCall {
            let name = try functionName()
            return .functionCall(name, try termList(open: "(", close: ")"))
        }
        throw noViableAlternative()
    }

    /// Parses a `constant` when the current token is one.
    mutating func literal() throws(ParseError) -> Literal? {
        let token = current
        switch token.kind {
        case .string: advance(); return .string(token.value)
        case .integer: advance(); return .integer(token.value)
        case .float: advance(); return .float(token.value)
        case .boolean: advance(); return .boolean(token.value == "true")
        case .duration: advance(); return .duration(token.value)
        case .uuid:
            guard let uuid = UUID(uuidString: token.value) else { throw noViableAlternative() }
            advance()
            return .uuid(uuid)
        case .hexNumber:
            guard let bytes = Self.bytes(hex: token.value) else {
                throw plainError("cannot parse '\(token.text)' as hex bytes")
            }
            advance()
            return .blob(bytes)
        default: return nil
        }
    }

    /// Parses `open term, … close`.
    mutating func termList(open: String, close: String, allowEmpty: Bool = true) throws(ParseError) -> [Term] {
        try expectSymbol(open)
        var terms: [Term] = []
        if allowEmpty && consumeSymbol(close) { return terms }
        repeat {
            terms.append(try term())
        } while consumeSymbol(",")
        try expectSymbol(close)
        return terms
    }

    /// Parses `{}`, a set, a map or a user-defined type literal.
    private mutating func braceLiteral() throws(ParseError) -> Term {
        try expectSymbol("{")
        if consumeSymbol("}") { return .set([]) }
        if isIdentifier(current) && isSymbol(":", at: 1) {
            var fields: [Term.UserTypeField] = []
            repeat {
                let name = try identifier()
                try expectSymbol(":")
                fields.append(.init(name: name, value: try term()))
            } while consumeSymbol(",")
            try expectSymbol("}")
            return .userType(fields)
        }
        let first = try term()
        if consumeSymbol(":") {
            var entries = [Term.MapEntry(key: first, value: try term())]
            while consumeSymbol(",") {
                let key = try term()
                try expectSymbol(":")
                entries.append(.init(key: key, value: try term()))
            }
            try expectSymbol("}")
            return .map(entries)
        }
        var elements = [first]
        while consumeSymbol(",") { elements.append(try term()) }
        try expectSymbol("}")
        return .set(elements)
    }

    /// Tries `(type) simpleTerm`; restores the position and returns `nil` when the parentheses
    /// do not hold a type followed by a term (then they start a tuple).
    private mutating func typeHintedTerm() throws(ParseError) -> Term? {
        let saved = state
        advance()
        do {
            let type = try typeExpression()
            try expectSymbol(")")
            guard isAtTermStart else {
                restore(saved)
                return nil
            }
            return .typeHint(type, try simpleTerm())
        } catch {
            if nestingLimitExceeded { throw error }
            restore(saved)
            return nil
        }
    }

    /// Decodes hex digits into bytes; `nil` for an odd number of digits.
    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
