import Foundation

/// Runs ``Saga``s durably: each saga id has a log stream (`saga-<id>`) in the event store,
/// and every transition is appended to it with optimistic concurrency before or after the
/// work it describes.
///
/// ```swift
/// let runner = SagaRunner(store: store)
/// switch try await runner.run(transfer, id: transferID) {
/// case .completed: …
/// case .compensated(let step, _): …   // the money went back
/// }
/// ```
///
/// - Before a step's action, a `step-started` entry claims it: of two runners of the same
///   saga id, only the one whose claim is appended runs the step; the other gets
///   ``EventStoreError/Code/concurrencyConflict``. A runner that finds a claim younger than
///   ``stepTimeout`` gets ``EventStoreError/Code/sagaInProgress`` and runs nothing; an older
///   claim is taken to belong to a crashed runner and the step runs again. Choose a timeout
///   well above the longest step plus the clock skew between runners (claims carry the
///   claiming client's clock).
/// - After it, `step-completed`; when it throws, `step-failed`, then each completed step is
///   compensated in reverse order (`step-compensated`), then `compensated`.
/// - Running a saga id again resumes it: completed steps are skipped, a step that started
///   but did not complete runs again (so actions and compensations must be idempotent), and
///   a finished saga returns its outcome without running anything.
/// - Compensations are not claimed: two runners that both reach the compensation of a
///   failed saga may both run a compensation before either records it. Another reason
///   compensations must be idempotent.
/// - Task cancellation (`CancellationError`) is not a failure: the run releases its claim
///   (`step-released`) and stops; a later run resumes at that step.
public struct SagaRunner: Sendable {
    /// The event store holding the saga logs.
    public let store: EventStore
    /// How long a step's claim excludes other runners.
    public let stepTimeout: Duration

    /// Creates a runner.
    /// - Parameters:
    ///   - store: the event store for the saga logs.
    ///   - stepTimeout: how long a claim on a step excludes other runners of the same saga.
    public init(store: EventStore, stepTimeout: Duration = .seconds(60)) {
        self.store = store
        self.stepTimeout = stepTimeout
    }

    /// The log stream of a saga id.
    /// - Parameter id: the saga id.
    /// - Returns: `"saga-\(id)"`.
    public static func streamID(for id: String) -> String {
        "saga-\(id)"
    }

    /// Runs (or resumes) the saga with this id.
    /// - Parameters:
    ///   - saga: the steps; the same steps for every run of the id.
    ///   - id: the saga id (e.g. the transfer's id).
    /// - Returns: the outcome.
    /// - Throws: ``EventStoreError/Code/concurrencyConflict`` when another runner advanced
    ///   the same saga, ``EventStoreError/Code/sagaInProgress`` when another runner holds a
    ///   live claim on the current step, ``EventStoreError/Code/compensationFailed`` when a compensation threw
    ///   (the saga stops for an operator), ``EventStoreError/Code/invalidArgument`` for
    ///   duplicate step names or a log naming an unknown step, `CancellationError`, and
    ///   other ``EventStoreError``s.
    public func run(_ saga: Saga, id: String) async throws -> SagaOutcome {
        guard Set(saga.steps.map(\.name)).count == saga.steps.count else {
            throw EventStoreError(.invalidArgument, "saga step names must be unique")
        }
        let stream = Self.streamID(for: id)
        var log = SagaLog()
        for try await event in store.read(stream: stream) {
            log.apply(try SagaLog.entry(event), version: event.version, recordedAt: event.recordedAt)
        }
        switch log.status {
        case .completed: return .completed
        case .compensated: return .compensated(failedStep: log.failedStep ?? "", reason: log.failureReason ?? "")
        case .compensationFailed:
            throw EventStoreError(.compensationFailed, "a compensation of this saga failed earlier; resolve it by hand",
                                  stream: stream)
        case .running: break
        }
        if log.failedStep == nil {
            for step in saga.steps where !log.completedSteps.contains(step.name) {
                if let claim = log.claimedStep, Date().timeIntervalSince(claim.at) < stepTimeout.seconds {
                    throw EventStoreError(.sagaInProgress, "another runner claimed step '\(claim.name)'; retry later",
                                          stream: stream)
                }
                try await record(.init(kind: .stepStarted, step: step.name), in: stream, log: &log)
                do {
                    try await step.action()
                } catch is CancellationError {
                    await release(step.name, in: stream, log: &log)
                    throw CancellationError()
                } catch {
                    let reason = String(reflecting: type(of: error))
                    try await record(.init(kind: .stepFailed, step: step.name, reason: reason), in: stream, log: &log)
                    break
                }
                try await record(.init(kind: .stepCompleted, step: step.name), in: stream, log: &log)
            }
            if log.failedStep == nil {
                try await record(.init(kind: .completed), in: stream, log: &log)
                return .completed
            }
        }
        try await compensate(saga, stream: stream, log: &log)
        return .compensated(failedStep: log.failedStep ?? "", reason: log.failureReason ?? "")
    }

    /// Compensates the completed, not yet compensated steps in reverse order.
    private func compensate(_ saga: Saga, stream: String, log: inout SagaLog) async throws {
        for name in log.completedSteps.reversed() where !log.compensatedSteps.contains(name) {
            guard let step = saga.steps.first(where: { $0.name == name }) else {
                throw EventStoreError(.invalidArgument, "the saga log names step '\(name)', which the saga lacks", stream: stream)
            }
            do {
                try await step.compensation()
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                try await record(.init(kind: .compensationFailed, step: name, reason: String(reflecting: type(of: error))),
                                 in: stream, log: &log)
                throw EventStoreError(.compensationFailed, "compensating step '\(name)' failed; resolve it by hand",
                                      stream: stream, underlying: error)
            }
            try await record(.init(kind: .stepCompensated, step: name), in: stream, log: &log)
        }
        try await record(.init(kind: .compensated), in: stream, log: &log)
    }

    /// Releases a claim after cancellation, so a later run need not wait for ``stepTimeout``.
    /// The release is written outside the cancelled task (whose requests would be refused);
    /// when it fails, the claim simply expires after the timeout.
    private func release(_ step: String, in stream: String, log: inout SagaLog) async {
        let entry = SagaLog.Entry(kind: .stepReleased, step: step)
        let expected = ExpectedVersion(streamVersion: log.version)
        let store = self.store
        let released = await Task.detached {
            try? await store.append(to: stream, expectedVersion: expected, events: [try SagaLog.eventData(entry)])
        }.value
        if let released { log.apply(entry, version: released, recordedAt: Date()) }
    }

    /// Appends one entry, expecting the log at the version this run last saw.
    private func record(_ entry: SagaLog.Entry, in stream: String, log: inout SagaLog) async throws {
        let version = try await store.append(
            to: stream, expectedVersion: ExpectedVersion(streamVersion: log.version), events: [try SagaLog.eventData(entry)])
        log.apply(entry, version: version, recordedAt: Date())
    }
}

extension Duration {
    /// The duration in seconds, for comparing with `Date` intervals.
    fileprivate var seconds: TimeInterval {
        TimeInterval(components.seconds) + TimeInterval(components.attoseconds) / 1e18
    }
}
