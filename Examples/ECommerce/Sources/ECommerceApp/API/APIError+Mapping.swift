import CassandraDriver
import CassandraEventSourcing
import CassandraORM
import CassandraSubscriptions
import CassandraVectorSearch
import Hummingbird

extension APIError {
    /// Translates any error a handler throws into an ``APIError``: module errors by their
    /// codes, Hummingbird's own errors by status, and anything else into ``Code/internal``
    /// (whose details are logged by ``ErrorMiddleware``, never returned).
    /// - Parameter error: the error.
    /// - Returns: the API error to send.
    static func translating(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as ORMError:
            return translating(error)
        case let error as EventStoreError:
            return translating(error)
        case let error as SubscriptionError:
            return translating(error)
        case let error as VectorSearchError:
            return translating(error)
        case is CassandraError:
            return APIError(.unavailable, "the database did not complete the request; retry later")
        case let error as HTTPError:
            return translating(error)
        case is DecodingError:
            return APIError(.invalidJSON, "the request body does not have the expected shape")
        default:
            return APIError(.internal, "an unexpected error occurred")
        }
    }

    private static func translating(_ error: ORMError) -> APIError {
        switch error.code {
        case .uniqueViolation:
            return APIError(.duplicate, "\(error.field ?? "a unique field") is already taken", field: error.field)
        case .validationFailed, .invalidValue:
            return APIError(.validationFailed, error.message, field: error.field)
        case .driver, .schemaAgreementTimeout, .notConnected:
            return APIError(.unavailable, "the database did not complete the request; retry later")
        default:
            return APIError(.internal, "an unexpected error occurred")
        }
    }

    private static func translating(_ error: EventStoreError) -> APIError {
        switch error.code {
        case .concurrencyConflict:
            return APIError(.concurrencyConflict, "the resource was changed by another request; reload it and retry")
        case .driver, .schemaAgreementTimeout:
            return APIError(.unavailable, "the database did not complete the request; retry later")
        default:
            return APIError(.internal, "an unexpected error occurred")
        }
    }

    private static func translating(_ error: SubscriptionError) -> APIError {
        switch error.code {
        case .orm:
            guard let underlying = error.underlying else { return APIError(.internal, "an unexpected error occurred") }
            return translating(underlying as any Error)
        case .driver, .schemaAgreementTimeout, .captureFailed:
            return APIError(.unavailable, "the database did not complete the request; retry later")
        default:
            return APIError(.internal, "an unexpected error occurred")
        }
    }

    private static func translating(_ error: VectorSearchError) -> APIError {
        switch error.code {
        case .driver, .schemaAgreementTimeout:
            return APIError(.unavailable, "the database did not complete the request; retry later")
        default:
            return APIError(.internal, "an unexpected error occurred")
        }
    }

    private static func translating(_ error: HTTPError) -> APIError {
        switch error.status {
        case .notFound: return APIError(.routeNotFound, "no route for this method and path")
        case .badRequest: return APIError(.invalidJSON, error.body ?? "malformed request")
        default: return APIError(.internal, "an unexpected error occurred")
        }
    }
}
