#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol

/// Lets the binder look through `Optional` without knowing `Wrapped`.
protocol OptionalBindValue {
    /// The wrapped value, or `nil`.
    var wrappedBindValue: (any CQLEncodable)? { get }
}

extension Optional: OptionalBindValue where Wrapped: CQLEncodable {
    var wrappedBindValue: (any CQLEncodable)? { self.map { $0 } }
}

enum StatementBinding {
    /// The CQL type a value is serialized as when no metadata says otherwise; `nil` when the
    /// Swift type has no single natural type (collections, ``CQLValue``).
    static func naturalType(of value: any CQLEncodable) -> CQLType? {
        switch value {
        case is Int8: .tinyint
        case is Int16: .smallint
        case is Int32: .int
        case is Int64, is Int: .bigint
        case is UInt8: .tinyint
        case is String: .text
        case is Bool: .boolean
        case is Double: .double
        case is Float: .float
        case is UUID: .uuid
        case is Date: .timestamp
        case is [UInt8]: .blob
        case is CQLDecimal: .decimal
        case is CQLVarint: .varint
        case is CQLDuration: .duration
        case is CQLInetAddress: .inet
        case is CQLRawValue: .blob
        default: nil
        }
    }

    /// Serializes values by their natural types.
    /// - Returns: the raw values, or `nil` when one of them has no natural type.
    /// - Throws: ``CassandraError/Code/typeMismatch`` when a codec refuses a value.
    static func naturalRawValues(_ values: [any CQLEncodable & Sendable], statement: String) throws -> [CQLRawValue]? {
        var raw: [CQLRawValue] = []
        raw.reserveCapacity(values.count)
        for value in values {
            var unwrapped: any CQLEncodable = value
            if let optional = value as? any OptionalBindValue {
                guard let wrapped = optional.wrappedBindValue else {
                    raw.append(.null)
                    continue
                }
                unwrapped = wrapped
            }
            if let rawValue = unwrapped as? CQLRawValue {
                raw.append(rawValue)
                continue
            }
            guard let type = naturalType(of: unwrapped) else { return nil }
            raw.append(try encode(unwrapped, as: type, statement: statement))
        }
        return raw
    }

    /// Serializes values for bind markers of known types, straight into one buffer.
    /// - Throws: ``CassandraError/Code/invalidArgument`` for a wrong count,
    ///   ``CassandraError/Code/typeMismatch`` when a value does not fit its marker.
    static func serialize(_ values: [any CQLEncodable & Sendable], for variables: [ResultMetadata.ColumnSpec],
                          statement: String) throws -> RequestMessage.SerializedValues {
        guard values.count == variables.count else {
            throw CassandraError(.invalidArgument, "the statement has \(variables.count) bind markers but \(values.count) values were given",
                                 statement: statement)
        }
        var serialized = RequestMessage.SerializedValues(capacity: max(64, 16 * values.count))
        for index in values.indices {
            try append(values[index], as: variables[index].type, to: &serialized, statement: statement, name: variables[index].name)
        }
        return serialized
    }

    /// Serializes named values for bind markers of known types; unnamed markers are unset.
    /// - Throws: ``CassandraError/Code/invalidArgument`` for a name with no marker.
    static func serialize(named values: [(String, any CQLEncodable & Sendable)], for variables: [ResultMetadata.ColumnSpec],
                          statement: String) throws -> RequestMessage.SerializedValues {
        var raw = [CQLRawValue](repeating: .unset, count: variables.count)
        for (name, value) in values {
            let indexes = variables.indices.filter { variables[$0].name == name }
            guard !indexes.isEmpty else {
                throw CassandraError(.invalidArgument, "the statement has no bind marker named '\(name)'", statement: statement)
            }
            for index in indexes {
                raw[index] = try encode(value, as: variables[index].type, statement: statement, name: name)
            }
        }
        return RequestMessage.SerializedValues(raw)
    }

    /// Appends `value` as a `[value]` of `type`, mapping codec errors to ``CassandraError``.
    private static func append(_ value: any CQLEncodable, as type: CQLType, to values: inout RequestMessage.SerializedValues,
                               statement: String, name: String) throws {
        // As in `encode(_:as:statement:name:)`: blobs skip the generic Array codec.
        if case .blob = type, let bytes = value as? [UInt8] {
            values.append(.bytes(bytes))
            return
        }
        do {
            try values.append(value, as: type)
        } catch {
            throw bindError(error, type: type, statement: statement, name: name)
        }
    }

    private static func encode(_ value: any CQLEncodable, as type: CQLType, statement: String, name: String? = nil) throws -> CQLRawValue {
        // Blobs are the bulk of many payloads: bind them without the generic Array codec,
        // whose `[Element]`-to-`[UInt8]` cast walks every element.
        if case .blob = type, let bytes = value as? [UInt8] { return .bytes(bytes) }
        do {
            return try value.cqlRawValue(as: type)
        } catch {
            throw bindError(error, type: type, statement: statement, name: name)
        }
    }

    private static func bindError(_ error: CQLProtocolError, type: CQLType, statement: String, name: String?) -> CassandraError {
        let code: CassandraError.Code = error.code == .typeMismatch ? .typeMismatch : .invalidArgument
        return CassandraError(code, "cannot bind \(name.map { "'\($0)'" } ?? "value") as \(type): \(error.message)",
                              statement: statement, underlying: error)
    }
}
