import Foundation

/// An event to append: its type name, encoded payload and metadata. The store assigns the
/// version and the recording time.
public struct EventData: Sendable, Hashable {
    /// The stable type name (see ``DomainEvent/eventType``).
    public var eventType: String
    /// The encoded payload (JSON when built by an ``EventTypeRegistry``).
    public var payload: [UInt8]
    /// Free-form metadata (correlation and causation ids, user, …).
    public var metadata: [String: String]

    /// Creates an event to append.
    /// - Parameters:
    ///   - eventType: the type name.
    ///   - payload: the encoded payload.
    ///   - metadata: free-form metadata.
    public init(eventType: String, payload: [UInt8], metadata: [String: String] = [:]) {
        self.eventType = eventType
        self.payload = payload
        self.metadata = metadata
    }
}
