/// The state of one kind of aggregate, rebuilt by applying its events in order.
///
/// ```swift
/// struct Account: AggregateState, Codable {
///     static let category = "account"
///     var balance = 0
///     mutating func apply(_ event: any DomainEvent) throws {
///         switch event {
///         case let deposited as Deposited: balance += deposited.amount
///         case let withdrawn as Withdrawn: balance -= withdrawn.amount
///         default: break
///         }
///     }
/// }
/// ```
///
/// `apply` must only change state: it runs again on every load. Decisions (and their
/// validation) belong in the commands that call ``AggregateRoot/raise(_:)``.
public protocol AggregateState: Sendable {
    /// The stream name prefix: an aggregate `id` lives in stream `"\(category)-\(id)"`.
    static var category: String { get }
    /// The state before the first event.
    init()
    /// Applies one event.
    /// - Parameter event: the event, decoded through the repository's ``EventTypeRegistry``.
    /// - Throws: when the event cannot apply to this state (the load or raise fails).
    mutating func apply(_ event: any DomainEvent) throws
}
