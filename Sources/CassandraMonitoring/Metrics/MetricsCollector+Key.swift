extension MetricsCollector {
    /// Identifies one series: a metric name plus its dimensions, sorted by dimension name so
    /// that the order they were given in does not matter.
    public struct Key: Hashable, Sendable, Comparable, CustomStringConvertible {
        /// The metric name as given (e.g. `cassandra.requests`).
        public var name: String
        /// The dimensions, sorted by name.
        public var dimensions: [Dimension]

        /// One dimension (a Prometheus label).
        public struct Dimension: Hashable, Sendable {
            /// The dimension's name.
            public var name: String
            /// The dimension's value.
            public var value: String

            /// Creates a dimension.
            /// - Parameters:
            ///   - name: the dimension's name.
            ///   - value: its value.
            public init(_ name: String, _ value: String) {
                self.name = name
                self.value = value
            }
        }

        /// Creates a key.
        /// - Parameters:
        ///   - name: the metric name.
        ///   - dimensions: name/value pairs in any order.
        public init(_ name: String, _ dimensions: [(String, String)] = []) {
            self.name = name
            self.dimensions = dimensions.map { Dimension($0.0, $0.1) }.sorted { ($0.name, $0.value) < ($1.name, $1.value) }
        }

        /// Orders by name, then by dimensions.
        public static func < (lhs: Key, rhs: Key) -> Bool {
            if lhs.name != rhs.name { return lhs.name < rhs.name }
            return lhs.dimensions.lexicographicallyPrecedes(rhs.dimensions) { ($0.name, $0.value) < ($1.name, $1.value) }
        }

        /// `name{a=b,c=d}`.
        public var description: String {
            dimensions.isEmpty ? name : "\(name){\(dimensions.map { "\($0.name)=\($0.value)" }.joined(separator: ","))}"
        }
    }
}
