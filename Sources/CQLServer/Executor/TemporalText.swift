/// Parses the string forms Cassandra accepts for `timestamp`, `date`, `time` and
/// `duration` literals. All times without a zone are taken as UTC.
enum TemporalText {
    /// Milliseconds since the epoch for `yyyy-mm-dd[( |T)hh:mm[:ss[.fff]]][Z|(+|-)hh[:]mm]`,
    /// or for an integer string (milliseconds).
    static func timestampMillis(_ text: String) -> Int64? {
        if let millis = Int64(text) { return millis }
        var scanner = Scanner(text)
        guard let days = scanner.date() else { return nil }
        var millis = days * 86_400_000
        if scanner.consume("T") || scanner.consume(" ") {
            guard let nanos = scanner.timeOfDay(requireSeconds: false) else { return nil }
            millis += nanos / 1_000_000
        }
        _ = scanner.consume(" ")
        if scanner.consume("Z") || scanner.consume("z") {
        } else if let sign = scanner.sign() {
            guard let hours = scanner.digits(2) else { return nil }
            _ = scanner.consume(":")
            let minutes = scanner.digits(2) ?? 0
            millis -= Int64(sign) * (Int64(hours) * 3_600_000 + Int64(minutes) * 60_000)
        }
        return scanner.isAtEnd ? millis : nil
    }

    /// Days since the epoch for `yyyy-mm-dd`.
    static func days(_ text: String) -> Int64? {
        var scanner = Scanner(text)
        guard let days = scanner.date(), scanner.isAtEnd else { return nil }
        return days
    }

    /// Nanoseconds since midnight for `hh:mm:ss[.fffffffff]`.
    static func timeOfDayNanos(_ text: String) -> Int64? {
        var scanner = Scanner(text)
        guard let nanos = scanner.timeOfDay(requireSeconds: true), scanner.isAtEnd else { return nil }
        return nanos
    }

    /// A duration `(months, days, nanoseconds)` from `1y2mo3w4d5h6m7s8ms9us10ns`, with an
    /// optional leading `-`, or ISO 8601 `P[n]Y[n]M[n]W[n]DT[n]H[n]M[n]S`.
    static func duration(_ text: String) -> (months: Int32, days: Int32, nanoseconds: Int64)? {
        var body = Substring(text.lowercased())
        let negative = body.first == "-"
        if negative { body = body.dropFirst() }
        guard !body.isEmpty else { return nil }
        var months: Int64 = 0, days: Int64 = 0, nanos: Int64 = 0
        if body.first == "p" {
            var inTime = false
            var number = ""
            for character in body.dropFirst() {
                if character.isNumber { number.append(character); continue }
                if character == "t" { inTime = true; continue }
                guard let value = Int64(number) else { return nil }
                number = ""
                switch (character, inTime) {
                case ("y", false): months += value * 12
                case ("m", false): months += value
                case ("w", false): days += value * 7
                case ("d", false): days += value
                case ("h", true): nanos += value * 3_600_000_000_000
                case ("m", true): nanos += value * 60_000_000_000
                case ("s", true): nanos += value * 1_000_000_000
                default: return nil
                }
            }
            guard number.isEmpty else { return nil }
        } else {
            let units: [(String, (Int64) -> Void)] = [
                ("mo", { months += $0 }), ("ms", { nanos += $0 * 1_000_000 }), ("us", { nanos += $0 * 1_000 }),
                ("µs", { nanos += $0 * 1_000 }), ("ns", { nanos += $0 }), ("y", { months += $0 * 12 }),
                ("w", { days += $0 * 7 }), ("d", { days += $0 }), ("h", { nanos += $0 * 3_600_000_000_000 }),
                ("m", { nanos += $0 * 60_000_000_000 }), ("s", { nanos += $0 * 1_000_000_000 }),
            ]
            var rest = body
            while !rest.isEmpty {
                let digits = rest.prefix { $0.isNumber }
                guard !digits.isEmpty, let value = Int64(digits) else { return nil }
                rest = rest.dropFirst(digits.count)
                guard let unit = units.first(where: { rest.hasPrefix($0.0) }) else { return nil }
                unit.1(value)
                rest = rest.dropFirst(unit.0.count)
            }
        }
        let sign: Int64 = negative ? -1 : 1
        guard let m = Int32(exactly: months * sign), let d = Int32(exactly: days * sign) else { return nil }
        return (m, d, nanos * sign)
    }

    /// A tiny cursor over ASCII text.
    private struct Scanner {
        let characters: [Character]
        var position = 0

        init(_ text: String) { characters = Array(text) }

        var isAtEnd: Bool { position == characters.count }

        mutating func consume(_ character: Character) -> Bool {
            guard position < characters.count, characters[position] == character else { return false }
            position += 1
            return true
        }

        mutating func sign() -> Int? {
            if consume("+") { return 1 }
            if consume("-") { return -1 }
            return nil
        }

        mutating func digits(_ count: Int? = nil) -> Int? {
            let start = position
            while position < characters.count, characters[position].isASCII, characters[position].isNumber,
                  count.map({ position - start < $0 }) ?? true {
                position += 1
            }
            guard position > start, count.map({ position - start == $0 }) ?? true else { position = start; return nil }
            return Int(String(characters[start..<position]))
        }

        /// `yyyy-mm-dd` as days since the epoch (proleptic Gregorian).
        mutating func date() -> Int64? {
            let negativeYear = consume("-")
            guard let year = digits(), consume("-"), let month = digits(2), consume("-"), let day = digits(2),
                  (1...12).contains(month), (1...31).contains(day) else { return nil }
            return Self.daysFromCivil(year: Int64(negativeYear ? -year : year), month: Int64(month), day: Int64(day))
        }

        /// `hh:mm[:ss[.fraction]]` as nanoseconds.
        mutating func timeOfDay(requireSeconds: Bool) -> Int64? {
            guard let hours = digits(2), consume(":"), let minutes = digits(2), hours < 24, minutes < 60 else { return nil }
            var nanos = Int64(hours) * 3_600_000_000_000 + Int64(minutes) * 60_000_000_000
            if consume(":") {
                guard let seconds = digits(2), seconds < 60 else { return nil }
                nanos += Int64(seconds) * 1_000_000_000
                if consume(".") {
                    let start = position
                    guard digits() != nil else { return nil }
                    let fraction = String(characters[start..<position])
                    guard fraction.count <= 9 else { return nil }
                    nanos += Int64(fraction + String(repeating: "0", count: 9 - fraction.count))!
                }
            } else if requireSeconds {
                return nil
            }
            return nanos
        }

        /// Howard Hinnant's days-from-civil algorithm.
        static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
            let shiftedYear = month <= 2 ? year - 1 : year
            let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
            let yearOfEra = shiftedYear - era * 400
            let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            return era * 146_097 + dayOfEra - 719_468
        }
    }
}
