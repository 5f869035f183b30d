import GraphQL

/// Application types and root fields served next to the generated ones.
///
/// `sdl` may define types and extend the generated ones (`extend type Query { … }`);
/// `resolvers` give the resolver of each new field by type and field name. Resolvers receive a
/// ``RequestContext`` as their `context`.
///
/// ```swift
/// let recommendations = GraphQLExtension(
///     sdl: "extend type Query { recommendations(productId: UUID!): [Products!]! }",
///     resolvers: ["Query": ["recommendations": { _, args, context, _ in
///         let request = context as! RequestContext
///         ...
///     }]])
/// ```
public struct GraphQLExtension: Sendable {
    /// Type definitions and extensions, in SDL.
    public var sdl: String
    /// Resolvers by type name, then field name.
    public var resolvers: [String: [String: GraphQLFieldResolve]]

    /// Creates an extension.
    /// - Parameters:
    ///   - sdl: type definitions and extensions.
    ///   - resolvers: the resolvers of the fields `sdl` adds, by type then field.
    public init(sdl: String, resolvers: [String: [String: GraphQLFieldResolve]] = [:]) {
        self.sdl = sdl
        self.resolvers = resolvers
    }
}
