import CQLProtocol

/// CQL literal text for the constants of a materialized view's `WHERE` clause, the one
/// place where the ORM cannot bind values (DDL takes no bind markers).
///
/// The text is what Cassandra stores back in `system_schema.views.where_clause`, so a view
/// created from it compares equal to its schema: integers in decimal, floating-point numbers
/// in Swift's shortest form, strings quoted with `''` escapes, UUIDs in lower case, blobs as
/// `0x…`, timestamps as milliseconds since the epoch.
enum CQLLiteral {
    /// The literal for `value` converted to `type`.
    /// - Parameters:
    ///   - value: the value.
    ///   - type: the column type.
    /// - Returns: the literal, or `nil` when the value does not fit the type, is NULL or not
    ///   finite, or the type has no literal form here (collections, tuples, user-defined
    ///   types, vectors, `date`, `time`, `duration`).
    static func text(_ value: ORMValue, as type: FieldType) -> String? {
        guard let converted = try? value.cqlValue(as: type.cqlType) else { return nil }
        switch converted {
        case .ascii(let text), .text(let text): return DDL.literal(text)
        case .bigint(let number), .counter(let number), .timestamp(let number): return String(number)
        case .int(let number): return String(number)
        case .smallint(let number): return String(number)
        case .tinyint(let number): return String(number)
        case .varint(let number): return number.description
        case .decimal(let number): return number.description
        case .double(let number): return number.isFinite ? number.description : nil
        case .float(let number): return number.isFinite ? number.description : nil
        case .boolean(let flag): return flag ? "true" : "false"
        case .uuid(let uuid), .timeuuid(let uuid): return uuid.uuidString.lowercased()
        case .blob(let bytes):
            let digits = Array("0123456789abcdef")
            return "0x" + String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] })
        case .inet(let address): return DDL.literal(address.description)
        default: return nil
        }
    }
}
