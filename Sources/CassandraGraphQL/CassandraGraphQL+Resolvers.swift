#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CassandraORM
import GraphQL

/// What a generated mutation returns: whether it applied and the key of the row it touched,
/// read back (through the request's loader) only when `record` is selected.
struct MutationOutcome: Sendable {
    var applied: Bool
    var key: [ORMValue]
}

extension CassandraGraphQL {
    /// The resolvers of the generated root fields and mutation results.
    static func generatedResolvers(for models: [ModelDescription]) -> [String: [String: GraphQLFieldResolve]] {
        var query: [String: GraphQLFieldResolve] = [:]
        var mutation: [String: GraphQLFieldResolve] = [:]
        var resolvers: [String: [String: GraphQLFieldResolve]] = [:]
        for model in models {
            let translator = ArgumentTranslator(model: model)
            let table = model.table
            query[model.getField] = { _, arguments, context, _ in
                let request = try Self.request(context)
                return try await request.load(table, key: try translator.key(arguments))
            }
            query[model.listField] = { _, arguments, context, _ in
                let request = try Self.request(context)
                let loader = request.loaders[table]!
                let page = try await loader.model.findPage(try translator.query(arguments["where"]),
                                                           options: try translator.findOptions(arguments))
                for record in page.records { await loader.prime(record) }
                var result: [String: any Sendable] = ["items": page.records.map(translator.object)]
                if let state = page.pagingState { result["cursor"] = Data(state).base64EncodedString() }
                return result
            }
            guard model.allowsMutations else { continue }
            if !model.isCounterTable {
                mutation[model.createField] = { _, arguments, context, _ in
                    let loader = try Self.request(context).loaders[table]!
                    let values = try translator.values(arguments["input"])
                    let options = SaveOptions(ifNotExists: arguments["ifNotExists"] == .bool(true), ttl: Self.int(arguments["ttl"]))
                    let result = try await loader.model.save(values, options: options)
                    let key = model.primaryKey.map { values[$0.name] ?? .null }
                    await loader.clear(key)
                    return MutationOutcome(applied: result.applied, key: key)
                }
                mutation[model.updateField] = { _, arguments, context, _ in
                    let loader = try Self.request(context).loaders[table]!
                    let key = try translator.key(arguments)
                    let options = UpdateOptions(ifExists: arguments["ifExists"] == .bool(true), ttl: Self.int(arguments["ttl"]))
                    let result = try await loader.model.update(where: translator.keyQuery(key), set: try translator.values(arguments["set"]),
                                                               options: options)
                    await loader.clear(key)
                    return MutationOutcome(applied: result.applied, key: key)
                }
            }
            mutation[model.deleteField] = { _, arguments, context, _ in
                let loader = try Self.request(context).loaders[table]!
                let key = try translator.key(arguments)
                let result = try await loader.model.delete(where: translator.keyQuery(key),
                                                           options: UpdateOptions(ifExists: arguments["ifExists"] == .bool(true)))
                await loader.clear(key)
                return MutationOutcome(applied: result.applied, key: key)
            }
            resolvers[model.mutationResultType] = [
                "applied": { source, _, _, _ in (source as? MutationOutcome)?.applied },
                "record": { source, _, context, _ in
                    guard let outcome = source as? MutationOutcome else { return nil }
                    return try await Self.request(context).load(table, key: outcome.key)
                },
            ]
        }
        resolvers["Query"] = query
        if !mutation.isEmpty { resolvers["Mutation"] = mutation }
        return resolvers
    }

    private static func request(_ context: any Sendable) throws -> RequestContext {
        guard let request = context as? RequestContext else {
            throw GraphQLServiceError(.invalidArgument, "resolvers run only through CassandraGraphQL.execute")
        }
        return request
    }

    private static func int(_ value: Map) -> Int? {
        if case .number(let number) = value { return number.intValue }
        return nil
    }
}
