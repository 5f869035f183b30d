import CQLProtocol

/// A deletion of the rows whose clustering values start with ``prefix`` and whose next
/// clustering value lies within the optional bounds — the shapes a CQL range DELETE can
/// express (`DELETE … WHERE pk = ? AND c1 = ? AND c2 > ?`).
struct RangeTombstone: Sendable, Hashable {
    /// One end of the slice on the clustering column after the prefix.
    struct Bound: Sendable, Hashable {
        /// The serialized clustering value.
        var value: [UInt8]
        /// Whether rows equal to `value` are included.
        var inclusive: Bool
    }

    /// Equal-restricted leading clustering values.
    var prefix: [[UInt8]]
    /// The lower value bound on the next clustering column, if any.
    var lower: Bound?
    /// The upper value bound on the next clustering column, if any.
    var upper: Bound?
    /// The deletion timestamp in microseconds.
    var timestamp: Int64

    /// Whether the tombstone covers a row with `clustering` values.
    func covers(_ clustering: [[UInt8]], types: [CQLType]) -> Bool {
        guard clustering.count >= prefix.count else { return false }
        for index in prefix.indices where ValueComparator.compare(prefix[index][...], clustering[index][...], as: types[index]) != 0 {
            return false
        }
        guard lower != nil || upper != nil else { return true }
        guard clustering.count > prefix.count else { return false }
        let value = clustering[prefix.count][...]
        let type = types[prefix.count]
        if let lower {
            let order = ValueComparator.compare(value, lower.value[...], as: type)
            if order < 0 || (order == 0 && !lower.inclusive) { return false }
        }
        if let upper {
            let order = ValueComparator.compare(value, upper.value[...], as: type)
            if order > 0 || (order == 0 && !upper.inclusive) { return false }
        }
        return true
    }
}
