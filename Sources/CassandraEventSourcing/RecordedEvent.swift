import Foundation

/// An event as stored: ``EventData`` plus its stream, version and recording time.
public struct RecordedEvent: Sendable, Hashable {
    /// The stream the event belongs to.
    public var streamID: String
    /// Its position in the stream, from 1.
    public var version: Int64
    /// The stable type name.
    public var eventType: String
    /// The encoded payload.
    public var payload: [UInt8]
    /// Free-form metadata.
    public var metadata: [String: String]
    /// When the store recorded it (the appending client's clock, millisecond precision).
    public var recordedAt: Date

    /// Creates a recorded event.
    /// - Parameters:
    ///   - streamID: the stream.
    ///   - version: the position in the stream.
    ///   - eventType: the type name.
    ///   - payload: the encoded payload.
    ///   - metadata: free-form metadata.
    ///   - recordedAt: the recording time.
    public init(streamID: String, version: Int64, eventType: String, payload: [UInt8], metadata: [String: String],
                recordedAt: Date) {
        self.streamID = streamID
        self.version = version
        self.eventType = eventType
        self.payload = payload
        self.metadata = metadata
        self.recordedAt = recordedAt
    }
}
