#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CassandraORM

/// The JSON form of the key and values of a change, as stored in the change log's text
/// columns.
///
/// Every value is a one-key object naming its kind (`{"i": 42}`, `{"s": "text"}`,
/// `{"t": 1700000000000}` for a date in milliseconds, …), so that a value reads back as the
/// same ``CassandraORM/ORMValue`` case it was written as (JSON alone cannot tell `1` from
/// `1.0` or a string from a UUID). ``CassandraORM/ORMValue/cql(_:)`` values, which the ORM
/// only produces for types without a dynamic form, are stored as their text rendering and
/// read back as strings.
enum ChangeValues {
    /// `values` as compact JSON with sorted keys.
    /// - Throws: ``SubscriptionError/Code/encodingFailed``.
    static func encode(_ values: [String: ORMValue]) throws(SubscriptionError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            let data = try encoder.encode(values.mapValues(Coded.init))
            return String(decoding: data, as: UTF8.self)
        } catch {
            throw SubscriptionError(.encodingFailed, "the change values could not be encoded as JSON", underlying: error)
        }
    }

    /// The values of `json`, as ``encode(_:)`` wrote them.
    /// - Throws: ``SubscriptionError/Code/decodingFailed``.
    static func decode(_ json: String) throws(SubscriptionError) -> [String: ORMValue] {
        do {
            return try JSONDecoder().decode([String: Coded].self, from: Data(json.utf8)).mapValues(\.value)
        } catch {
            throw SubscriptionError(.decodingFailed, "a stored change is not valid change JSON", underlying: error)
        }
    }

    /// One tagged value.
    struct Coded: Codable {
        var value: ORMValue

        init(_ value: ORMValue) { self.value = value }

        private enum Key: String, CodingKey {
            case null = "n", bool = "b", int = "i", double = "d", string = "s", uuid = "u", date = "t", bytes = "x"
            case list = "l", map = "m"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            switch value {
            case .null: try container.encode(true, forKey: .null)
            case .bool(let value): try container.encode(value, forKey: .bool)
            case .int(let value): try container.encode(value, forKey: .int)
            case .double(let value): try container.encode(value, forKey: .double)
            case .string(let value): try container.encode(value, forKey: .string)
            case .uuid(let value): try container.encode(value.uuidString.lowercased(), forKey: .uuid)
            case .date(let value): try container.encode(ChangeID.milliseconds(of: value), forKey: .date)
            case .bytes(let value): try container.encode(Data(value).base64EncodedString(), forKey: .bytes)
            case .list(let values): try container.encode(values.map(Coded.init), forKey: .list)
            case .map(let values): try container.encode(values.mapValues(Coded.init), forKey: .map)
            case .cql(let value): try container.encode("\(value)", forKey: .string)
            }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            guard let key = container.allKeys.first, container.allKeys.count == 1 else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected one tagged value"))
            }
            switch key {
            case .null: value = .null
            case .bool: value = .bool(try container.decode(Bool.self, forKey: key))
            case .int: value = .int(try container.decode(Int64.self, forKey: key))
            case .double: value = .double(try container.decode(Double.self, forKey: key))
            case .string: value = .string(try container.decode(String.self, forKey: key))
            case .uuid:
                let text = try container.decode(String.self, forKey: key)
                guard let uuid = UUID(uuidString: text) else {
                    throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not a UUID")
                }
                value = .uuid(uuid)
            case .date:
                value = .date(Date(timeIntervalSince1970: Double(try container.decode(Int64.self, forKey: key)) / 1_000))
            case .bytes:
                guard let data = Data(base64Encoded: try container.decode(String.self, forKey: key)) else {
                    throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not base64")
                }
                value = .bytes(Array(data))
            case .list: value = .list(try container.decode([Coded].self, forKey: key).map(\.value))
            case .map: value = .map(try container.decode([String: Coded].self, forKey: key).mapValues(\.value))
            }
        }
    }
}
