import CQLProtocol

/// The rows of a statement across all its pages, fetched lazily: the next page is requested
/// only when the current one has been consumed.
///
/// ```swift
/// for try await row in session.rows("SELECT * FROM events WHERE day = ?", day) {
///     …
/// }
/// for try await event in session.rows("SELECT * FROM events").decode(Event.self) { … }
/// ```
///
/// Memory: one page (``Statement/Options/pageSize`` rows) is held at a time. Breaking out of
/// the loop, or cancelling the task, stops paging: no further page is requested.
public struct RowSequence: AsyncSequence, Sendable {
    /// Each element is one row.
    public typealias Element = Row
    /// Failures are ``CassandraError``s.
    public typealias Failure = any Error

    typealias PageFetcher = @Sendable (_ pagingState: [UInt8]?) async throws -> ResultSet
    private let fetchPage: PageFetcher

    init(fetchPage: @escaping PageFetcher) {
        self.fetchPage = fetchPage
    }

    /// Starts iterating from the first page.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(fetchPage: fetchPage)
    }

    /// Decodes each row into `T` by column name (see ``Row/decode(as:)``).
    /// - Parameter type: a `Decodable` type whose coding keys are column names.
    /// - Returns: a sequence of decoded values.
    public func decode<T: Decodable & SendableMetatype>(_ type: T.Type) -> AsyncThrowingMapSequence<RowSequence, T> {
        map { try $0.decode(as: T.self) }
    }

    /// Iterates rows, fetching pages as they are needed.
    public struct AsyncIterator: AsyncIteratorProtocol {
        private let fetchPage: PageFetcher
        private var page: ResultSet?
        private var position = 0
        private var isLastPage = false

        init(fetchPage: @escaping PageFetcher) {
            self.fetchPage = fetchPage
        }

        /// The next row, fetching the next page when needed.
        /// - Returns: the row, or `nil` after the last row.
        /// - Throws: ``CassandraError`` when a page fails, `CancellationError` when the task
        ///   was cancelled before a page request.
        public mutating func next() async throws -> Row? {
            while true {
                if let page, position < page.count {
                    position += 1
                    return page[position - 1]
                }
                if isLastPage { return nil }
                try Task.checkCancellation()
                let next = try await fetchPage(page?.pagingState)
                isLastPage = next.pagingState == nil
                page = next
                position = 0
            }
        }
    }
}
