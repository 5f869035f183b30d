import Foundation

/// A saga's progress, rebuilt from its log stream: a pure fold over ``Entry``s.
struct SagaLog: Equatable {
    /// One log entry; stored as an event of type `saga.<kind>` with this JSON payload.
    struct Entry: Codable, Equatable {
        enum Kind: String, Codable {
            case stepStarted = "step-started", stepReleased = "step-released", stepCompleted = "step-completed"
            case stepFailed = "step-failed"
            case stepCompensated = "step-compensated", compensationFailed = "compensation-failed"
            case completed, compensated
        }

        var kind: Kind
        var step: String?
        var reason: String?
    }

    enum Status: Equatable {
        case running, completed, compensated, compensationFailed
    }

    private(set) var status = Status.running
    /// Completed steps, in order.
    private(set) var completedSteps: [String] = []
    private(set) var compensatedSteps: Set<String> = []
    private(set) var failedStep: String?
    private(set) var failureReason: String?
    /// The step a runner has claimed and not yet finished or released, and when.
    private(set) var claimedStep: (name: String, at: Date)?
    /// The log stream's version (0: empty).
    private(set) var version: Int64 = 0

    static func == (lhs: SagaLog, rhs: SagaLog) -> Bool {
        lhs.status == rhs.status && lhs.completedSteps == rhs.completedSteps && lhs.compensatedSteps == rhs.compensatedSteps
            && lhs.failedStep == rhs.failedStep && lhs.failureReason == rhs.failureReason && lhs.version == rhs.version
            && lhs.claimedStep?.name == rhs.claimedStep?.name && lhs.claimedStep?.at == rhs.claimedStep?.at
    }

    /// Folds one entry in.
    /// - Parameters:
    ///   - entry: the entry.
    ///   - version: its version in the log stream.
    ///   - recordedAt: when it was recorded (the start of a claim).
    mutating func apply(_ entry: Entry, version: Int64, recordedAt: Date) {
        self.version = version
        switch entry.kind {
        case .stepStarted: claimedStep = entry.step.map { ($0, recordedAt) }
        case .stepReleased: claimedStep = nil
        case .stepCompleted:
            claimedStep = nil
            if let step = entry.step, !completedSteps.contains(step) { completedSteps.append(step) }
        case .stepFailed:
            claimedStep = nil
            failedStep = entry.step
            failureReason = entry.reason
        case .stepCompensated: if let step = entry.step { compensatedSteps.insert(step) }
        case .compensationFailed: status = .compensationFailed
        case .completed: status = .completed
        case .compensated: status = .compensated
        }
    }

    static func eventData(_ entry: Entry) throws -> EventData {
        do {
            return EventData(eventType: "saga.\(entry.kind.rawValue)", payload: Array(try JSONEncoder().encode(entry)))
        } catch {
            throw EventStoreError(.encodingFailed, "a saga log entry does not encode", underlying: error)
        }
    }

    static func entry(_ event: RecordedEvent) throws -> Entry {
        do {
            return try JSONDecoder().decode(Entry.self, from: Data(event.payload))
        } catch {
            throw EventStoreError(.decodingFailed, "saga log entry \(event.version) does not decode", stream: event.streamID,
                                  eventType: event.eventType, underlying: error)
        }
    }
}
