/// A bind marker: `?` or `:name`.
///
/// Markers are numbered from 0 in order of appearance across the whole statement (including
/// every statement of a batch), exactly as Cassandra's `Parser.g` does with `bindVariables`.
/// Named markers also get their own index; two `:x` markers are two variables that share a name.
public struct BindMarker: Sendable, Hashable {
    /// The 0-based position of the marker among all markers of the statement.
    public var index: Int
    /// The name of a `:name` marker; `nil` for `?`.
    public var name: Identifier?

    /// Creates a marker.
    /// - Parameters:
    ///   - index: The 0-based position.
    ///   - name: The name, for a named marker.
    public init(index: Int, name: Identifier? = nil) {
        self.index = index
        self.name = name
    }
}
