/// The pieces of the Prometheus text exposition format, version 0.0.4: name sanitizing,
/// escaping and number formatting.
enum PrometheusText {
    /// The `Content-Type` of the format.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Maps a metric name onto `[a-zA-Z_:][a-zA-Z0-9_:]*`: every other character becomes `_`,
    /// and a leading digit gets a `_` prefix.
    static func metricName(_ name: String) -> String {
        sanitize(name, allowColon: true)
    }

    /// Maps a label name onto `[a-zA-Z_][a-zA-Z0-9_]*`.
    static func labelName(_ name: String) -> String {
        sanitize(name, allowColon: false)
    }

    private static func sanitize(_ name: String, allowColon: Bool) -> String {
        var result = String(name.unicodeScalars.map { scalar -> Character in
            let isLetter = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            let isDigit = ("0"..."9").contains(scalar)
            return isLetter || isDigit || scalar == "_" || (allowColon && scalar == ":") ? Character(scalar) : "_"
        })
        if result.isEmpty || result.first?.isNumber == true { result = "_" + result }
        return result
    }

    /// Escapes a label value: backslash, double quote and line feed.
    static func labelValue(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }

    /// Escapes a help text: backslash and line feed.
    static func help(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }

    /// Formats a sample value: integers without a fraction, `+Inf`, `-Inf` and `NaN` spelled
    /// as Prometheus spells them, anything else in Swift's shortest round-tripping form.
    static func value(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// `{a="x",b="y"}`, or the empty string without labels.
    static func labels(_ dimensions: [MetricsCollector.Key.Dimension], extra: (String, String)? = nil) -> String {
        var parts = dimensions.map { "\(labelName($0.name))=\"\(labelValue($0.value))\"" }
        if let extra { parts.append("\(extra.0)=\"\(extra.1)\"") }
        return parts.isEmpty ? "" : "{\(parts.joined(separator: ","))}"
    }
}
