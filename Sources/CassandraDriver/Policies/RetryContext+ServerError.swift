import CQLProtocol

extension RetryContext.Failure {
    /// The retry-relevant failure of a server ERROR, or `nil` when the error is final
    /// (syntax, invalid, unauthorized, already exists, …) and no policy is asked.
    /// - Parameter error: the server's ERROR with its structured details.
    init?(_ error: ServerError) {
        switch error.details {
        case .readTimeout(let consistency, let received, let blockFor, let dataPresent):
            self = .readTimeout(consistency: consistency, received: Int(received), blockFor: Int(blockFor), dataPresent: dataPresent)
            return
        case .writeTimeout(let consistency, let received, let blockFor, let writeType):
            self = .writeTimeout(consistency: consistency, received: Int(received), blockFor: Int(blockFor),
                                 writeType: writeType.rawValue)
            return
        case .unavailable(let consistency, let required, let alive):
            self = .unavailable(consistency: consistency, required: Int(required), alive: Int(alive))
            return
        case .readFailure(let consistency, let received, let blockFor, let failures, let dataPresent):
            self = .readFailure(consistency: consistency, received: Int(received), blockFor: Int(blockFor),
                                failures: Int(failures), dataPresent: dataPresent)
            return
        case .writeFailure(let consistency, let received, let blockFor, let failures, let writeType):
            self = .writeFailure(consistency: consistency, received: Int(received), blockFor: Int(blockFor),
                                 failures: Int(failures), writeType: writeType.rawValue)
            return
        case .functionFailure, .alreadyExists, .unprepared, nil:
            break
        }
        switch error.code {
        case .overloaded: self = .overloaded
        case .isBootstrapping: self = .bootstrapping
        case .serverError, .truncateError: self = .serverError
        default: return nil
        }
    }
}

extension CassandraError {
    /// The retry-relevant failure of a client-side error: a broken connection or a client
    /// timeout may or may not have applied the request. `nil` for everything else.
    var retryFailure: RetryContext.Failure? {
        switch code {
        case .connectionClosed, .requestTimeout: .connectionClosed
        case .server: serverError.flatMap(RetryContext.Failure.init)
        default: nil
        }
    }
}
