import Synchronization

/// The changes of a ``Subscription`` as an `AsyncSequence`, for code that prefers a loop to a
/// handler:
///
/// ```swift
/// for try await event in subscription.events() {
///     try await sendMail(event)        // the change counts as handled when the loop asks for the next
/// }
/// ```
///
/// Iterating runs ``Subscription/run(_:)`` in a task of its own, with the loop body as the
/// handler: a change counts as handled, and the checkpoint may move past it, only when the loop
/// asks for the next one. Leaving the loop (`break`, an error, cancellation) leaves the change
/// in hand unhandled, so a later run delivers it again (at least once). The loop cannot ask
/// for a retry: an error thrown in the body ends the loop; use ``Subscription/run(_:)`` for
/// retries and dead letters. `next()` throws what `run` throws (driver and decoding failures).
public struct ChangeEvents: AsyncSequence, Sendable {
    /// A change.
    public typealias Element = ChangeEvent

    let subscription: Subscription

    /// Starts the subscription.
    /// - Returns: the iterator; dropping it stops the subscription (and releases its lease).
    public func makeAsyncIterator() -> Iterator {
        Iterator(subscription: subscription)
    }

    /// Hands out one change at a time; see ``ChangeEvents``.
    public final class Iterator: AsyncIteratorProtocol {
        private let handoff = ChangeHandoff()
        private let runner: Task<Void, Never>

        init(subscription: Subscription) {
            let handoff = handoff
            runner = Task {
                do {
                    try await subscription.run { event in try await handoff.offer(event) }
                    handoff.finish(throwing: nil)
                } catch {
                    handoff.finish(throwing: error)
                }
            }
        }

        deinit {
            runner.cancel()
        }

        /// The next change, after marking the previous one handled.
        /// - Returns: the change; `nil` once the subscription stopped (the iterating task was
        ///   cancelled).
        /// - Throws: what ``Subscription/run(_:)`` throws.
        public func next() async throws -> ChangeEvent? {
            try await withTaskCancellationHandler {
                try await handoff.take()
            } onCancel: { [runner] in
                runner.cancel()
            }
        }
    }
}

extension Subscription {
    /// The subscription's changes as an `AsyncSequence`; see ``ChangeEvents`` for when a change
    /// counts as handled.
    /// - Returns: the sequence; iterate it once at a time per instance, as ``run(_:)``.
    public func events() -> ChangeEvents {
        ChangeEvents(subscription: self)
    }
}

/// Passes changes from the subscription's handler to the iterating task one at a time: the
/// handler (producer) waits until the consumer asks for the next change.
final class ChangeHandoff: Sendable {
    private struct State {
        /// A change offered before the consumer asked, with its producer.
        var pending: (event: ChangeEvent, producer: CheckedContinuation<Void, any Error>)?
        /// The producer of the change the consumer holds; resumed when it asks for the next.
        var inHand: CheckedContinuation<Void, any Error>?
        /// The consumer waiting for a change.
        var consumer: CheckedContinuation<ChangeEvent?, any Error>?
        /// Set when the subscription stopped: `.success` when it ended, `.failure` when it threw.
        var end: Result<Void, any Error>?
    }

    private let state = Mutex(State())

    /// Producer side: hands `event` over and returns once the consumer asked for the next one.
    /// - Throws: `CancellationError` when the producing task is cancelled first.
    func offer(_ event: ChangeEvent) async throws {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (producer: CheckedContinuation<Void, any Error>) in
                enum Handover {
                    case toConsumer(CheckedContinuation<ChangeEvent?, any Error>)
                    case kept
                    case cancelled
                }
                let handover = state.withLock { state -> Handover in
                    // Checked under the lock the cancellation handler takes: a cancellation
                    // that came before is seen here, one that comes after finds the producer.
                    if Task.isCancelled { return .cancelled }
                    guard let consumer = state.consumer else {
                        state.pending = (event, producer)
                        return .kept
                    }
                    state.consumer = nil
                    state.inHand = producer
                    return .toConsumer(consumer)
                }
                switch handover {
                case .toConsumer(let consumer): consumer.resume(returning: event)
                case .kept: break
                case .cancelled: producer.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            let producers = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
                defer {
                    state.pending = nil
                    state.inHand = nil
                }
                return [state.pending?.producer, state.inHand].compactMap { $0 }
            }
            for producer in producers { producer.resume(throwing: CancellationError()) }
        }
    }

    /// Consumer side: marks the change in hand handled and waits for the next one.
    /// - Returns: the change, or `nil` after the subscription ended.
    /// - Throws: the subscription's failure.
    func take() async throws -> ChangeEvent? {
        let handled = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            defer { state.inHand = nil }
            return state.inHand
        }
        handled?.resume()
        return try await withCheckedThrowingContinuation { (consumer: CheckedContinuation<ChangeEvent?, any Error>) in
            enum Next {
                case event(ChangeEvent)
                case end(Result<Void, any Error>)
                case wait
            }
            let next = state.withLock { state -> Next in
                if let pending = state.pending {
                    state.pending = nil
                    state.inHand = pending.producer
                    return .event(pending.event)
                }
                if let end = state.end { return .end(end) }
                state.consumer = consumer
                return .wait
            }
            switch next {
            case .event(let event): consumer.resume(returning: event)
            case .end(.success): consumer.resume(returning: nil)
            case .end(.failure(let error)): consumer.resume(throwing: error)
            case .wait: break
            }
        }
    }

    /// The subscription stopped; a waiting consumer gets `nil` or the error.
    func finish(throwing error: (any Error)?) {
        let consumer = state.withLock { state -> CheckedContinuation<ChangeEvent?, any Error>? in
            state.end = error.map { .failure($0) } ?? .success(())
            defer { state.consumer = nil }
            return state.consumer
        }
        if let error { consumer?.resume(throwing: error) } else { consumer?.resume(returning: nil) }
    }
}
