import Foundation

/// Maps event type names to ``DomainEvent`` types, and encodes and decodes their JSON payloads.
///
/// ```swift
/// var registry = EventTypeRegistry()
/// registry.register(ItemAdded.self)
/// let data = try registry.encode(ItemAdded(sku: "lamp", quantity: 1))
/// let event = try registry.decode(recorded)   // any DomainEvent
/// ```
public struct EventTypeRegistry: Sendable {
    private typealias Decoder = @Sendable ([UInt8]) throws -> any DomainEvent
    private var decoders: [String: Decoder] = [:]

    /// Creates an empty registry.
    public init() {}

    /// Registers `type` under ``DomainEvent/eventType``; registering a type again replaces it.
    /// - Parameter type: the event type.
    public mutating func register<E: DomainEvent>(_ type: E.Type) {
        decoders[E.eventType] = { bytes in try JSONDecoder().decode(E.self, from: Data(bytes)) }
    }

    /// Whether a type name is registered.
    /// - Parameter eventType: the type name.
    /// - Returns: `true` when ``decode(_:)`` can decode it.
    public func contains(_ eventType: String) -> Bool {
        decoders[eventType] != nil
    }

    /// Encodes an event as JSON with its type name.
    /// - Parameters:
    ///   - event: the event; its type must be registered.
    ///   - metadata: metadata to store with it.
    /// - Returns: the event to append.
    /// - Throws: ``EventStoreError/Code/unknownEventType`` for an unregistered type,
    ///   ``EventStoreError/Code/encodingFailed`` when JSON encoding fails.
    public func encode(_ event: any DomainEvent, metadata: [String: String] = [:]) throws -> EventData {
        let name = type(of: event).eventType
        guard decoders[name] != nil else {
            throw EventStoreError(.unknownEventType, "register \(type(of: event)) before appending it", eventType: name)
        }
        do {
            return EventData(eventType: name, payload: Array(try JSONEncoder().encode(event)), metadata: metadata)
        } catch {
            throw EventStoreError(.encodingFailed, "the event does not encode as JSON", eventType: name, underlying: error)
        }
    }

    /// Decodes a stored event into its registered type.
    /// - Parameter event: the stored event.
    /// - Returns: the event.
    /// - Throws: ``EventStoreError/Code/unknownEventType`` for an unregistered type name,
    ///   ``EventStoreError/Code/decodingFailed`` when the payload does not decode.
    public func decode(_ event: RecordedEvent) throws -> any DomainEvent {
        guard let decoder = decoders[event.eventType] else {
            throw EventStoreError(.unknownEventType, "no type is registered for this event type name; register it",
                                  stream: event.streamID, eventType: event.eventType)
        }
        do {
            return try decoder(event.payload)
        } catch {
            throw EventStoreError(.decodingFailed, "event \(event.version) does not decode as its registered type",
                                  stream: event.streamID, eventType: event.eventType, underlying: error)
        }
    }
}
