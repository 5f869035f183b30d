#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol

/// Turns AST terms into serialized values for a receiver type: literals are typed against
/// the receiver, bind markers take the request's values (validated), and the functions
/// Cassandra allows in terms (`now()`, `uuid()`, `toTimestamp(…)`, …) are evaluated.
struct TermEvaluator {
    /// The request's bound values by marker index.
    let bindings: [CQLRawValue]
    /// The request time.
    let time: RequestTime
    /// Whether the statement is only being prepared: markers have no values yet and
    /// evaluate to unset.
    var isPreparing = false

    /// The serialized value of `term` for `receiver` (NULL and unset kept distinct).
    func raw(_ term: Term, for receiver: Receiver) throws(ExecutionError) -> CQLRawValue {
        switch term {
        case .bindMarker(let marker):
            if isPreparing { return .unset }
            guard marker.index < bindings.count else {
                throw .invalid("There were \(bindings.count) markers(?) in CQL but \(marker.index + 1) or more are needed")
            }
            let raw = bindings[marker.index]
            if case .bytes(let bytes) = raw {
                do {
                    _ = try CQLValue.decode(bytes, as: receiver.type)
                } catch {
                    throw .invalid("Invalid value for \(receiver.name) of type \(receiver.type): \(error.message)")
                }
            }
            return raw
        case .null:
            return .null
        case .typeHint(_, let inner), .cast(let inner, _):
            return try raw(inner, for: receiver)
        default:
            guard let value = try value(term, for: receiver) else { return .null }
            do {
                return .bytes(try value.serialized(as: receiver.type))
            } catch {
                throw .invalid("Invalid value for \(receiver.name) of type \(receiver.type): \(error.message)")
            }
        }
    }

    /// The serialized bytes of `term`, rejecting NULL and unset with Cassandra's messages.
    func bytes(_ term: Term, for receiver: Receiver, what: String = "value") throws(ExecutionError) -> [UInt8] {
        switch try raw(term, for: receiver) {
        case .bytes(let bytes): return bytes
        case .null: throw .invalid("Invalid null \(what) for \(receiver.name)")
        case .unset: throw .invalid("Invalid unset \(what) for \(receiver.name)")
        }
    }

    /// The decoded value of `term` for `receiver`; `nil` for NULL (and for unset markers).
    func value(_ term: Term, for receiver: Receiver) throws(ExecutionError) -> CQLValue? {
        let type = receiver.type
        switch term {
        case .null:
            return nil
        case .bindMarker:
            guard case .bytes(let bytes) = try raw(term, for: receiver) else { return nil }
            do { return try CQLValue.decode(bytes, as: type) } catch { throw .invalid(error.message) }
        case .literal(let literal):
            return try LiteralConversion.value(of: literal, for: receiver)
        case .typeHint(_, let inner), .cast(let inner, _):
            return try value(inner, for: receiver)
        case .negation(let inner):
            return try LiteralConversion.negate(try value(inner, for: receiver), receiver: receiver)
        case .list(let elements):
            switch type {
            case .list(let element):
                return .list(try nonNull(elements, receiver.derived(name: "value(\(receiver.name))", type: element)))
            case .set(let element):
                return .set(try nonNull(elements, receiver.derived(name: "value(\(receiver.name))", type: element)))
            case .vector(let element, let dimension):
                guard elements.count == dimension else {
                    throw .invalid("Invalid vector literal for \(receiver.name) of type \(type); expected \(dimension) elements, but given \(elements.count)")
                }
                return .vector(try nonNull(elements, receiver.derived(name: receiver.name, type: element)))
            default:
                throw .invalid("Invalid list literal for \(receiver.name) of type \(type)")
            }
        case .set(let elements):
            switch type {
            case .set(let element):
                let values = try nonNull(elements, receiver.derived(name: "value(\(receiver.name))", type: element))
                return .set(Self.sortedUnique(values, type: element))
            case .map where elements.isEmpty:
                return .map([])
            case .list where elements.isEmpty:
                return .list([])
            default:
                throw .invalid("Invalid set literal for \(receiver.name) of type \(type)")
            }
        case .map(let entries):
            guard case .map(let keyType, let valueType) = type else {
                throw .invalid("Invalid map literal for \(receiver.name) of type \(type)")
            }
            var result: [CQLValue.MapEntry] = []
            for entry in entries {
                let key = try nonNull(entry.key, receiver.derived(name: "key(\(receiver.name))", type: keyType))
                let value = try nonNull(entry.value, receiver.derived(name: "value(\(receiver.name))", type: valueType))
                result.append(.init(key: key, value: value))
            }
            return .map(Self.sortedUniqueEntries(result, keyType: keyType))
        case .tuple(let elements):
            guard case .tuple(let types) = type, elements.count <= types.count else {
                throw .invalid("Invalid tuple literal for \(receiver.name) of type \(type)")
            }
            var values: [CQLValue?] = []
            for (element, elementType) in zip(elements, types) {
                values.append(try value(element, for: receiver.derived(name: receiver.name, type: elementType)))
            }
            return .tuple(values)
        case .userType(let fields):
            guard case .udt(let udt) = type else {
                throw .invalid("Invalid user type literal for \(receiver.name) of type \(type)")
            }
            for field in fields where !udt.fields.contains(where: { $0.name == field.name.name }) {
                throw .invalid("Unknown field '\(field.name.name)' in value of user defined type \(udt.name)")
            }
            var values: [CQLValue.Field] = []
            for definition in udt.fields {
                var fieldValue: CQLValue?
                if let given = fields.first(where: { $0.name.name == definition.name }) {
                    fieldValue = try value(given.value, for: receiver.derived(name: "\(receiver.name).\(definition.name)", type: definition.type))
                }
                values.append(CQLValue.Field(name: definition.name, value: fieldValue))
            }
            return .udt(values)
        case .functionCall(let name, let arguments):
            let result = try FunctionEvaluator(evaluator: self).call(name.name.name, arguments, receiver: receiver)
            return try LiteralConversion.coerce(result, to: receiver)
        }
    }

    private func nonNull(_ terms: [Term], _ receiver: Receiver) throws(ExecutionError) -> [CQLValue] {
        var values: [CQLValue] = []
        for term in terms { values.append(try nonNull(term, receiver)) }
        return values
    }

    private func nonNull(_ term: Term, _ receiver: Receiver) throws(ExecutionError) -> CQLValue {
        guard let value = try value(term, for: receiver) else {
            throw .invalid("null is not supported inside collections")
        }
        return value
    }

    /// Set elements in the element type's order, without duplicates (as Cassandra stores them).
    static func sortedUnique(_ values: [CQLValue], type: CQLType) -> [CQLValue] {
        let keyed = values.compactMap { value in (try? value.serialized(as: type)).map { ($0, value) } }
        let sorted = keyed.sorted { ValueComparator.compare($0.0[...], $1.0[...], as: type) < 0 }
        var result: [CQLValue] = []
        var last: [UInt8]?
        for (bytes, value) in sorted where bytes != last {
            result.append(value)
            last = bytes
        }
        return result
    }

    /// Map entries in key order, the last duplicate winning.
    static func sortedUniqueEntries(_ entries: [CQLValue.MapEntry], keyType: CQLType) -> [CQLValue.MapEntry] {
        var byKey: [[UInt8]: CQLValue.MapEntry] = [:]
        for entry in entries {
            if let bytes = try? entry.key.serialized(as: keyType) { byKey[bytes] = entry }
        }
        return byKey.sorted { ValueComparator.compare($0.key[...], $1.key[...], as: keyType) < 0 }.map(\.value)
    }
}

/// The instant a request executes at, in the units storage and functions need.
struct RequestTime: Sendable {
    /// Microseconds since the epoch.
    let micros: Int64

    /// Milliseconds since the epoch.
    var millis: Int64 { micros / 1000 }
    /// Seconds since the epoch.
    var seconds: Int64 { micros / 1_000_000 }
}
