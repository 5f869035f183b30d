import Foundation
import Hummingbird

extension BasicRequestContext {
    /// The UUID in path parameter `name`.
    /// - Parameter name: the parameter.
    /// - Returns: the id.
    /// - Throws: ``APIError/Code/invalidParameter``.
    func uuidParameter(_ name: String) throws -> UUID {
        try Validation.uuid(try parameters.require(name), field: name)
    }
}

extension Request {
    /// Decodes a JSON body.
    /// - Parameters:
    ///   - type: the body type.
    ///   - context: the request context.
    /// - Returns: the body.
    /// - Throws: ``APIError/Code/invalidJSON`` when the body is missing, malformed or of
    ///   the wrong shape.
    func json<T: Decodable>(_ type: T.Type, context: BasicRequestContext) async throws -> T {
        do {
            return try await decode(as: type, context: context)
        } catch {
            throw APIError(.invalidJSON, "the request body is missing, not JSON, or lacks required fields of the right types")
        }
    }
}
