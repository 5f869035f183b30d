#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CassandraORM
import GraphQL

/// Translates the arguments of a model's generated fields into ORM calls: filters into
/// Mongo-like query objects, list arguments into ``CassandraORM/FindOptions``, key arguments
/// and inputs into field values. Every value is converted with the column's type (see
/// ``ColumnMapping``) and ends up bound by the ORM; names come only from the schema.
public struct ArgumentTranslator: Sendable {
    /// The model whose fields are translated.
    public let model: ModelDescription

    /// Creates a translator.
    /// - Parameter model: the model.
    public init(model: ModelDescription) {
        self.model = model
    }

    /// The filter operators and the ORM operator each one becomes.
    static let operators: [(name: String, op: Operator)] = [
        ("eq", .eq), ("ne", .ne), ("gt", .gt), ("gte", .gte), ("lt", .lt), ("lte", .lte), ("in", .in),
        ("like", .like), ("contains", .contains), ("containsKey", .containsKey),
    ]

    /// The ORM query object of a `where` argument: `{ price: { gte: 10, lt: 20 } }` becomes
    /// `["price": ["$gte": 10, "$lt": 20]]`, with each value converted to the column's type.
    /// - Parameter filter: the `where` argument (null or absent for none).
    /// - Returns: the query object.
    /// - Throws: ``GraphQLServiceError/Code/invalidArgument`` for an unknown field or operator
    ///   (which validation already excludes) or a value that does not fit.
    public func query(_ filter: Map) throws(GraphQLServiceError) -> [String: ORMValue] {
        guard case .dictionary(let fields) = filter else { return [:] }
        var query: [String: ORMValue] = [:]
        for (name, restriction) in fields where !restriction.isNull && !restriction.isUndefined {
            guard let column = model.column(graphQL: name), case .dictionary(let operations) = restriction else {
                throw GraphQLServiceError(.invalidArgument, "'\(name)' is not a filterable field", path: "\(model.filterType).\(name)")
            }
            var object: [String: ORMValue] = [:]
            for (operation, operand) in operations where !operand.isUndefined {
                guard let op = Self.operators.first(where: { $0.name == operation })?.op else {
                    throw GraphQLServiceError(.invalidArgument, "unknown operator '\(operation)'", path: "\(model.filterType).\(name)")
                }
                object[op.rawValue] = try operandValue(operand, op: op, column: column, path: "\(model.filterType).\(name).\(operation)")
            }
            if !object.isEmpty { query[column.name] = .map(object) }
        }
        return query
    }

    private func operandValue(_ operand: Map, op: Operator, column: ModelDescription.Column, path: String) throws(GraphQLServiceError)
        -> ORMValue {
        switch op {
        case .in:
            return try ValueCoding.input(operand, as: .list(column.mapping.type), path: path)
        case .contains:
            if case .list(let element) = column.mapping.type { return try ValueCoding.input(operand, as: element, path: path) }
            return ValueCoding.json(operand)
        case .containsKey:
            return ValueCoding.json(operand)
        default:
            return try ValueCoding.input(operand, as: column.mapping.type, path: path)
        }
    }

    /// The options of a list field's arguments: `limit`, `allowFiltering`, `pageSize`,
    /// `cursor` (the paging state) and `orderBy`.
    /// - Parameter arguments: the field's arguments.
    /// - Returns: the options.
    /// - Throws: ``GraphQLServiceError/Code/invalidCursor`` for a cursor that is not base64, and
    ///   ``GraphQLServiceError/Code/invalidArgument`` for more orderings than the ORM takes.
    public func findOptions(_ arguments: Map) throws(GraphQLServiceError) -> FindOptions {
        var options = FindOptions()
        if case .number(let limit) = arguments["limit"] { options.limit = limit.intValue }
        if case .number(let pageSize) = arguments["pageSize"] { options.pageSize = pageSize.intValue }
        options.allowFiltering = arguments["allowFiltering"] == .bool(true)
        if case .string(let cursor) = arguments["cursor"] {
            guard let state = Data(base64Encoded: cursor), !state.isEmpty else {
                throw GraphQLServiceError(.invalidCursor, "the cursor is not one this API returned", path: model.listField)
            }
            options.pagingState = [UInt8](state)
        }
        var orderings: [(String, SortDirection)] = []
        if case .array(let entries) = arguments["orderBy"] {
            for entry in entries {
                guard case .string(let name) = entry["field"], let column = model.column(graphQL: name) else {
                    throw GraphQLServiceError(.invalidArgument, "orderBy names no clustering column", path: model.orderType)
                }
                orderings.append((column.name, entry["direction"] == .string("DESC") ? .desc : .asc))
            }
        }
        options.orderBy = try Self.orderBy(orderings, path: model.orderType)
        return options
    }

    /// `KeyValuePairs` has only a literal initialiser, so the orderings are spelled out for each
    /// count; Cassandra orders by a prefix of the clustering columns, which are rarely more.
    static func orderBy(_ orderings: [(String, SortDirection)], path: String) throws(GraphQLServiceError)
        -> KeyValuePairs<String, SortDirection> {
        let o = orderings
        switch o.count {
        case 0: return [:]
        case 1: return [o[0].0: o[0].1]
        case 2: return [o[0].0: o[0].1, o[1].0: o[1].1]
        case 3: return [o[0].0: o[0].1, o[1].0: o[1].1, o[2].0: o[2].1]
        case 4: return [o[0].0: o[0].1, o[1].0: o[1].1, o[2].0: o[2].1, o[3].0: o[3].1]
        default: throw GraphQLServiceError(.invalidArgument, "orderBy takes at most 4 columns", path: path)
        }
    }

    /// The primary key values of a by-key field (`product(id:)`, `updateProduct(id:, set:)`),
    /// in key order.
    /// - Parameter arguments: the field's arguments.
    /// - Returns: the key values.
    /// - Throws: ``GraphQLServiceError/Code/invalidArgument`` for a value that does not fit.
    public func key(_ arguments: Map) throws(GraphQLServiceError) -> [ORMValue] {
        var key: [ORMValue] = []
        for column in model.primaryKey {
            key.append(try ValueCoding.input(arguments[column.graphQLName], as: column.mapping.type,
                                             path: "\(model.typeName).\(column.graphQLName)"))
        }
        return key
    }

    /// `key` as an ORM query object (`["id": value]`).
    /// - Parameter key: the values from ``key(_:)``.
    /// - Returns: the query object.
    public func keyQuery(_ key: [ORMValue]) -> [String: ORMValue] {
        Dictionary(uniqueKeysWithValues: zip(model.primaryKey.map(\.name), key))
    }

    /// The field values of a create or update input; fields absent from `input` are left out,
    /// explicit nulls kept (they clear the column).
    /// - Parameter input: the input object.
    /// - Returns: the values by column name.
    /// - Throws: ``GraphQLServiceError/Code/invalidArgument`` for a value that does not fit.
    public func values(_ input: Map) throws(GraphQLServiceError) -> [String: ORMValue] {
        guard case .dictionary(let fields) = input else { return [:] }
        var values: [String: ORMValue] = [:]
        for (name, value) in fields where !value.isUndefined {
            guard let column = model.column(graphQL: name), !column.isManaged else {
                throw GraphQLServiceError(.invalidArgument, "'\(name)' cannot be written", path: "\(model.typeName).\(name)")
            }
            values[column.name] = try ValueCoding.input(value, as: column.mapping.type, path: "\(model.typeName).\(name)")
        }
        return values
    }

    /// A record as the GraphQL object of the model's type: every column by its GraphQL name.
    /// - Parameter record: the record.
    /// - Returns: the object, for the default field resolver.
    public func object(_ record: Record) -> [String: any Sendable] {
        var object: [String: any Sendable] = [:]
        for column in model.columns {
            // The executor completes lists from Swift arrays and treats only a missing value as
            // null, so NULL columns are left out and list columns are arrays of their elements.
            switch ValueCoding.output(record[column.name], as: column.mapping.type) {
            case .null, .undefined: continue
            case .array(let elements) where column.mapping.type != .named(CustomScalar.json.name): object[column.graphQLName] = elements
            case let value: object[column.graphQLName] = value
            }
        }
        return object
    }
}
