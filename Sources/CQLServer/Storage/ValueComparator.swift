import CQLProtocol

/// Orders serialized values the way Cassandra's `AbstractType.compare` does, without
/// decoding them into Swift values first.
///
/// Used for clustering order, partition-key equality, collection element order and
/// range restrictions. Empty byte strings sort first, as in Cassandra.
enum ValueComparator {
    /// Compares two serialized values of `type`.
    /// - Returns: A negative number, zero or a positive number.
    static func compare(_ left: ArraySlice<UInt8>, _ right: ArraySlice<UInt8>, as type: CQLType) -> Int {
        if left.isEmpty || right.isEmpty { return (left.isEmpty ? 0 : 1) - (right.isEmpty ? 0 : 1) }
        switch type {
        case .int, .bigint, .smallint, .tinyint, .timestamp, .time, .counter, .varint:
            return compareSignedIntegers(left, right)
        case .float:
            guard left.count == 4, right.count == 4 else { return compareBytes(left, right) }
            return compareFloats(Double(Float(bitPattern: loadUInt32(left))), Double(Float(bitPattern: loadUInt32(right))))
        case .double:
            guard left.count == 8, right.count == 8 else { return compareBytes(left, right) }
            return compareFloats(Double(bitPattern: loadUInt64(left)), Double(bitPattern: loadUInt64(right)))
        case .decimal:
            return compareDecimals(left, right)
        case .uuid:
            return compareUUIDs(left, right, timeOnly: false)
        case .timeuuid:
            return compareUUIDs(left, right, timeOnly: true)
        case .list(let element), .set(let element):
            return compareSequences(left, right, elementTypes: { _ in element })
        case .vector(let element, let dimension):
            return compareVectors(left, right, element: element, dimension: dimension)
        case .map(let key, let value):
            return compareSequences(left, right, elementTypes: { $0 % 2 == 0 ? key : value }, valuesPerEntry: 2)
        case .tuple(let elements):
            return compareComponents(left, right, types: elements)
        case .udt(let udt):
            return compareComponents(left, right, types: udt.fields.map(\.type))
        default:
            return compareBytes(left, right)
        }
    }

    /// Unsigned lexicographic byte order; a prefix sorts first.
    static func compareBytes(_ left: ArraySlice<UInt8>, _ right: ArraySlice<UInt8>) -> Int {
        var leftIndex = left.startIndex, rightIndex = right.startIndex
        while leftIndex < left.endIndex && rightIndex < right.endIndex {
            if left[leftIndex] != right[rightIndex] { return Int(left[leftIndex]) - Int(right[rightIndex]) }
            leftIndex += 1
            rightIndex += 1
        }
        return left.count - right.count
    }

    /// Two's-complement big-endian integers of possibly different lengths (varint).
    static func compareSignedIntegers(_ left: ArraySlice<UInt8>, _ right: ArraySlice<UInt8>) -> Int {
        let leftNegative = left[left.startIndex] & 0x80 != 0
        let rightNegative = right[right.startIndex] & 0x80 != 0
        if leftNegative != rightNegative { return leftNegative ? -1 : 1 }
        // Same sign: sign-extend the shorter one conceptually, then compare bytes unsigned.
        let length = max(left.count, right.count)
        let fill: UInt8 = leftNegative ? 0xFF : 0x00
        for position in 0..<length {
            let leftByte = position < length - left.count ? fill : left[left.startIndex + position - (length - left.count)]
            let rightByte = position < length - right.count ? fill : right[right.startIndex + position - (length - right.count)]
            if leftByte != rightByte { return Int(leftByte) - Int(rightByte) }
        }
        return 0
    }

    private static func loadUInt32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static func loadUInt64(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Java's `Double.compare`: -0.0 < 0.0 and NaN above everything.
    private static func compareFloats(_ left: Double, _ right: Double) -> Int {
        if left.isNaN || right.isNaN { return (left.isNaN ? 1 : 0) - (right.isNaN ? 1 : 0) }
        if left < right { return -1 }
        if left > right { return 1 }
        if left == 0 && right == 0 { return (left.sign == .minus ? 0 : 1) - (right.sign == .minus ? 0 : 1) }
        return 0
    }

    /// Decimals compare by numeric value: `unscaled × 10^-scale`. Both unscaled values are
    /// brought to the larger scale by multiplying the other by a power of ten.
    private static func compareDecimals(_ left: ArraySlice<UInt8>, _ right: ArraySlice<UInt8>) -> Int {
        guard left.count > 4, right.count > 4 else { return compareBytes(left, right) }
        let leftScale = Int32(bitPattern: loadUInt32(left.prefix(4)))
        let rightScale = Int32(bitPattern: loadUInt32(right.prefix(4)))
        var leftValue = TwosComplement(bytes: Array(left.dropFirst(4)))
        var rightValue = TwosComplement(bytes: Array(right.dropFirst(4)))
        if leftScale < rightScale {
            leftValue.multiplyByPowerOfTen(Int(rightScale) - Int(leftScale))
        } else if rightScale < leftScale {
            rightValue.multiplyByPowerOfTen(Int(leftScale) - Int(rightScale))
        }
        return compareSignedIntegers(leftValue.bytes[...], rightValue.bytes[...])
    }

    /// Cassandra's UUIDType orders by version, then (for time-based UUIDs) by timestamp,
    /// then by the remaining bytes; TimeUUIDType orders by timestamp first.
    private static func compareUUIDs(_ left: ArraySlice<UInt8>, _ right: ArraySlice<UInt8>, timeOnly: Bool) -> Int {
        guard left.count == 16, right.count == 16 else { return compareBytes(left, right) }
        let leftVersion = left[left.startIndex + 6] >> 4, rightVersion = right[right.startIndex + 6] >> 4
        if !timeOnly && leftVersion != rightVersion { return Int(leftVersion) - Int(rightVersion) }
        if timeOnly || leftVersion == 1 {
            let order = compareTimestamps(left, right)
            if order != 0 { return order }
            // Remaining bytes compare as signed bytes, like Cassandra's signed LSB comparison.
            for offset in 8..<16 {
                let leftByte = Int8(bitPattern: left[left.startIndex + offset]), rightByte = Int8(bitPattern: right[right.startIndex + offset])
                if leftByte != rightByte { return Int(leftByte) - Int(rightByte) }
            }
            return 0
        }
        return compareBytes(left, right)
    }

    /// The 60-bit v1 timestamp: time_hi (bytes 6–7, low 12 bits), time_mid (4–5), time_low (0–3).
    static func v1Timestamp(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        let base = bytes.startIndex
        let high = (UInt64(bytes[base + 6]) & 0x0F) << 56 | UInt64(bytes[base + 7]) << 48
        let middle = UInt64(bytes[base + 4]) << 40 | UInt64(bytes[base + 5]) << 32
        let low = UInt64(bytes[base]) << 24 | UInt64(bytes[base + 1]) << 16 | UInt64(bytes[base + 2]) << 8 | UInt64(bytes[base + 3])
        return high | middle | low
    }

    private static func compareTimestamps(_ left: ArraySlice<UInt8>, _ right: ArraySlice<UInt8>) -> Int {
        let leftTime = v1Timestamp(left), rightTime = v1Timestamp(right)
        return leftTime < rightTime ? -1 : (leftTime > rightTime ? 1 : 0)
    }

    /// Splits `[int] count` + `count × valuesPerEntry × [bytes]` (the serialization of
    /// frozen lists and sets, with one value per entry, and maps, with two).
    static func elements(of value: ArraySlice<UInt8>, valuesPerEntry: Int = 1) -> [ArraySlice<UInt8>?]? {
        var buffer = CQLBuffer(bytes: value)
        guard let count = try? buffer.readInt(), count >= 0, Int(count) <= value.count else { return nil }
        var result: [ArraySlice<UInt8>?] = []
        for _ in 0..<(Int(count) * valuesPerEntry) {
            guard let length = try? buffer.readInt() else { return nil }
            if length < 0 { result.append(nil); continue }
            guard buffer.readableBytes >= Int(length) else { return nil }
            let start = value.startIndex + buffer.readerIndex
            result.append(value[start..<start + Int(length)])
            buffer.readerIndex += Int(length)
        }
        return result
    }

    private static func compareSequences(_ left: ArraySlice<UInt8>, _ right: ArraySlice<UInt8>,
                                         elementTypes: (Int) -> CQLType, valuesPerEntry: Int = 1) -> Int {
        guard let leftElements = elements(of: left, valuesPerEntry: valuesPerEntry),
              let rightElements = elements(of: right, valuesPerEntry: valuesPerEntry) else {
            return compareBytes(left, right)
        }
        for index in 0..<min(leftElements.count, rightElements.count) {
            let order = compareOptional(leftElements[index], rightElements[index], as: elementTypes(index))
            if order != 0 { return order }
        }
        return leftElements.count - rightElements.count
    }

    private static func compareComponents(_ left: ArraySlice<UInt8>, _ right: ArraySlice<UInt8>, types: [CQLType]) -> Int {
        var leftBuffer = CQLBuffer(bytes: left), rightBuffer = CQLBuffer(bytes: right)
        for type in types {
            let leftDone = leftBuffer.readableBytes == 0, rightDone = rightBuffer.readableBytes == 0
            if leftDone || rightDone { return (leftDone ? 0 : 1) - (rightDone ? 0 : 1) }
            let leftValue: [UInt8]?, rightValue: [UInt8]?
            do {
                leftValue = try leftBuffer.readBytes()
                rightValue = try rightBuffer.readBytes()
            } catch {
                return compareBytes(left, right)
            }
            let order = compareOptional(leftValue?[...], rightValue?[...], as: type)
            if order != 0 { return order }
        }
        return 0
    }

    private static func compareVectors(_ left: ArraySlice<UInt8>, _ right: ArraySlice<UInt8>, element: CQLType, dimension: Int) -> Int {
        guard let size = element.fixedValueSize, left.count == size * dimension, right.count == size * dimension else {
            return compareBytes(left, right)
        }
        for index in 0..<dimension {
            let start = index * size
            let order = compare(left[(left.startIndex + start)..<(left.startIndex + start + size)],
                                right[(right.startIndex + start)..<(right.startIndex + start + size)], as: element)
            if order != 0 { return order }
        }
        return 0
    }

    /// NULL components sort before any value.
    private static func compareOptional(_ left: ArraySlice<UInt8>?, _ right: ArraySlice<UInt8>?, as type: CQLType) -> Int {
        switch (left, right) {
        case (nil, nil): 0
        case (nil, _): -1
        case (_, nil): 1
        case (let left?, let right?): compare(left, right, as: type)
        }
    }
}

/// A minimal arbitrary-precision two's-complement integer, enough to rescale decimals.
private struct TwosComplement {
    var bytes: [UInt8]

    /// Multiplies by 10^exponent in place (exponent is at most a few hundred in practice).
    mutating func multiplyByPowerOfTen(_ exponent: Int) {
        let negative = (bytes.first ?? 0) & 0x80 != 0
        var magnitude = negative ? Self.negate(bytes) : bytes
        for _ in 0..<exponent {
            var carry: UInt32 = 0
            for index in stride(from: magnitude.count - 1, through: 0, by: -1) {
                let product = UInt32(magnitude[index]) * 10 + carry
                magnitude[index] = UInt8(product & 0xFF)
                carry = product >> 8
            }
            while carry > 0 {
                magnitude.insert(UInt8(carry & 0xFF), at: 0)
                carry >>= 8
            }
        }
        if (magnitude.first ?? 0) & 0x80 != 0 { magnitude.insert(0, at: 0) }
        bytes = negative ? Self.negate(magnitude) : magnitude
    }

    /// Two's-complement negation, widening by one byte so the sign bit is preserved.
    private static func negate(_ value: [UInt8]) -> [UInt8] {
        var result = [0] + value.map { ~$0 }
        result[0] = (value.first ?? 0) & 0x80 != 0 ? 0 : 0xFF
        var index = result.count - 1
        while index >= 0 {
            let (sum, overflow) = result[index].addingReportingOverflow(1)
            result[index] = sum
            if !overflow { break }
            index -= 1
        }
        return result
    }
}
