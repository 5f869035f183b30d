import CassandraDriver
import Foundation

/// The events of one stream in version order, fetched a page at a time (see
/// ``EventStore/read(stream:from:pageSize:)``).
///
/// Memory: one page is held at a time. Breaking out of the loop stops paging.
public struct EventStream: AsyncSequence, Sendable {
    /// Each element is one stored event.
    public typealias Element = RecordedEvent
    /// Failures are ``EventStoreError``s.
    public typealias Failure = any Error

    typealias RowsFactory = @Sendable () async throws -> RowSequence
    private let stream: String
    private let makeRows: RowsFactory

    init(stream: String, makeRows: @escaping RowsFactory) {
        self.stream = stream
        self.makeRows = makeRows
    }

    /// Starts iterating from the first requested version.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(stream: stream, makeRows: makeRows)
    }

    /// Iterates events, fetching pages as they are needed.
    public struct AsyncIterator: AsyncIteratorProtocol {
        private let stream: String
        private let makeRows: RowsFactory
        private var rows: RowSequence.AsyncIterator?

        init(stream: String, makeRows: @escaping RowsFactory) {
            self.stream = stream
            self.makeRows = makeRows
        }

        /// The next event.
        /// - Returns: the event, or `nil` after the last one.
        /// - Throws: ``EventStoreError/Code/driver`` when a page fails,
        ///   ``EventStoreError/Code/decodingFailed`` for a malformed row; `CancellationError` as it is.
        public mutating func next() async throws -> RecordedEvent? {
            do {
                if rows == nil { rows = try await makeRows().makeAsyncIterator() }
                guard let row = try await rows?.next() else { return nil }
                return RecordedEvent(
                    streamID: try row[0, as: String.self], version: try row[1, as: Int64.self],
                    eventType: try row[2, as: String.self], payload: try row[3, as: [UInt8]?.self] ?? [],
                    metadata: try row[4, as: [String: String]?.self] ?? [:], recordedAt: try row[5, as: Date.self])
            } catch is CancellationError {
                throw CancellationError()
            } catch let error as CassandraError where error.code == .typeMismatch {
                throw EventStoreError(.decodingFailed, "an event row does not match the events table layout", stream: stream,
                                      underlying: error)
            } catch {
                throw EventStoreError(.driver, "reading the stream failed; see underlying", stream: stream, underlying: error)
            }
        }
    }
}
