import Foundation

/// Input checks shared by the routes; each failure is an ``APIError`` naming the field.
enum Validation {
    /// The current time truncated to milliseconds (what a CQL `timestamp` stores), so values
    /// returned before and after a round trip are equal.
    static func now() -> Date {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }

    /// A trimmed, non-empty text of at most `maxLength` characters.
    static func text(_ value: String, field: String, maxLength: Int) throws(APIError) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw APIError(.validationFailed, "\(field) must not be empty", field: field) }
        guard trimmed.count <= maxLength else {
            throw APIError(.validationFailed, "\(field) must be at most \(maxLength) characters", field: field)
        }
        return trimmed
    }

    /// A lower-cased email address of the form `local@domain.tld`, at most 254 characters.
    static func email(_ value: String, field: String) throws(APIError) -> String {
        let email = try text(value, field: field, maxLength: 254).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        let valid = parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !email.contains(where: { $0.isWhitespace })
        guard valid else { throw APIError(.validationFailed, "\(field) is not a valid email address", field: field) }
        return email
    }

    /// A lower-case category slug: letters, digits and `-`, 1 to 64 characters.
    static func category(_ value: String, field: String) throws(APIError) -> String {
        let category = try text(value, field: field, maxLength: 64).lowercased()
        guard category.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }) else {
            throw APIError(.validationFailed, "\(field) may hold only letters, digits and '-'", field: field)
        }
        return category
    }

    /// An integer in `range`.
    static func integer<T: BinaryInteger>(_ value: T, field: String, in range: ClosedRange<T>) throws(APIError) -> T {
        guard range.contains(value) else {
            throw APIError(.validationFailed, "\(field) must be between \(range.lowerBound) and \(range.upperBound)", field: field)
        }
        return value
    }

    /// A UUID given as text.
    static func uuid(_ value: String, field: String) throws(APIError) -> UUID {
        guard let id = UUID(uuidString: value) else {
            throw APIError(.invalidParameter, "\(field) is not a UUID", field: field)
        }
        return id
    }
}
