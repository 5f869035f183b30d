/// Functions run around a model's writes, like express-cassandra's `before_save` /
/// `after_save` hooks. A `before` hook may change what is written, or throw to cancel the
/// write (reported as ``ORMError/Code/hookFailed``). An `after` hook runs once the write
/// succeeded; if it throws, the write stays applied and the error is reported.
///
/// ```swift
/// var hooks = ModelHooks()
/// hooks.beforeSave = { values in values["email"] = values["email"]?.stringValue.map { .string($0.lowercased()) } }
/// ```
public struct ModelHooks: Sendable {
    /// Runs before ``Model/save(_:options:)``, with the values to insert (defaults applied).
    public var beforeSave: (@Sendable (inout [String: ORMValue]) async throws -> Void)?
    /// Runs after a save was applied.
    public var afterSave: (@Sendable ([String: ORMValue]) async throws -> Void)?
    /// Runs before ``Model/update(where:set:options:)`` with the key query and the assignments.
    public var beforeUpdate: (@Sendable (_ where: inout [String: ORMValue], _ set: inout [String: ORMValue]) async throws -> Void)?
    /// Runs after an update was applied.
    public var afterUpdate: (@Sendable (_ where: [String: ORMValue], _ set: [String: ORMValue]) async throws -> Void)?
    /// Runs before ``Model/delete(where:options:)`` with the key query.
    public var beforeDelete: (@Sendable (inout [String: ORMValue]) async throws -> Void)?
    /// Runs after a delete was applied.
    public var afterDelete: (@Sendable ([String: ORMValue]) async throws -> Void)?

    /// Creates hooks; set the ones you need.
    public init() {}

    /// Runs `body` and wraps what it throws as ``ORMError/Code/hookFailed``.
    static func run(_ name: String, table: String, _ body: () async throws -> Void) async throws(ORMError) {
        do {
            try await body()
        } catch let error as ORMError {
            throw error
        } catch {
            throw ORMError(.hookFailed, "the \(name) hook threw; the operation was \(name.hasPrefix("before") ? "cancelled" : "applied")",
                           table: table, underlying: error)
        }
    }
}
