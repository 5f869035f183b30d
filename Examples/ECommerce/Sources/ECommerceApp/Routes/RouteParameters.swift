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

extension Request {
    /// The integer query parameter `name`, or `defaultValue` when absent.
    /// - Parameters:
    ///   - name: the parameter.
    ///   - defaultValue: the value when absent.
    /// - Returns: the value.
    /// - Throws: ``APIError/Code/invalidParameter`` when it is not an integer.
    func integerParameter(_ name: String, default defaultValue: Int) throws -> Int {
        guard let text = uri.queryParameters.get(name) else { return defaultValue }
        guard let value = Int(text) else { throw APIError(.invalidParameter, "\(name) must be an integer", field: name) }
        return value
    }
}
