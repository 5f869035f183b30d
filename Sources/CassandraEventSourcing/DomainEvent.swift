/// An event a ``EventTypeRegistry`` can store and decode: `Codable` (as JSON) with a stable
/// type name.
///
/// ```swift
/// struct ItemAdded: DomainEvent {
///     static let eventType = "order.item-added"
///     var sku: String
///     var quantity: Int
/// }
/// ```
///
/// The type name is what the store keeps in `event_type`; keep it stable when renaming the
/// Swift type, or old events no longer decode.
public protocol DomainEvent: Codable, Sendable {
    /// The stable name stored with each event of this type.
    static var eventType: String { get }
}
