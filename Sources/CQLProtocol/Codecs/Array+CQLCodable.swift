// `Array` maps to `list`, `set` and `vector` columns. `[UInt8]` is also the Swift type of
// `blob` (and custom) columns: a `[UInt8]` reads and writes blob columns as raw bytes and
// still reads and writes `list<tinyint>` element by element.

extension Array: CQLEncodable where Element: CQLEncodable {
    /// Encodes into `list`, `set` or `vector` columns (and `blob`/custom columns for `[UInt8]`).
    /// - Parameters:
    ///   - buffer: The buffer to append to.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns or element types,
    ///   ``CQLProtocolError/Code/invalidValue`` for a vector of the wrong dimension, and the
    ///   elements' errors (a `nil` element throws, since collection elements cannot be NULL).
    public func encode(into buffer: inout CQLBuffer, as type: CQLType) throws(CQLProtocolError) {
        switch type {
        case .blob, .custom:
            guard let bytes = self as? [UInt8] else { throw .typeMismatch(Self.self, type, accepts: "list, set or vector") }
            buffer.writeRawBytes(bytes)
        case .list(let elementType), .set(let elementType):
            try buffer.writeCollectionCount(count)
            for element in self {
                try buffer.writeLengthPrefixed { (body: inout CQLBuffer) throws(CQLProtocolError) in
                    try element.encode(into: &body, as: elementType)
                }
            }
        case .vector(let elementType, let dimension):
            guard count == dimension else {
                throw CQLProtocolError(.invalidValue, "\(type) needs exactly \(dimension) elements, got \(count)")
            }
            for element in self {
                try buffer.writeVectorElement(elementType) { (body: inout CQLBuffer) throws(CQLProtocolError) in
                    try element.encode(into: &body, as: elementType)
                }
            }
        default:
            throw .typeMismatch(Self.self, type, accepts: Element.self == UInt8.self ? "blob, list, set or vector" : "list, set or vector")
        }
    }
}

extension Array: CQLDecodable where Element: CQLDecodable {
    /// Checks that the column is a `list`, `set` or `vector` of a type `Element` decodes
    /// (or a `blob`/custom column for `[UInt8]`).
    /// - Parameter type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns or element types.
    public static func checkCQLType(_ type: CQLType) throws(CQLProtocolError) {
        switch type {
        case .blob where Element.self == UInt8.self, .custom where Element.self == UInt8.self: return
        case .list(let elementType), .set(let elementType), .vector(let elementType, _): try Element.checkCQLType(elementType)
        default: throw .typeMismatch(Self.self, type, accepts: Element.self == UInt8.self ? "blob, list, set or vector" : "list, set or vector")
        }
    }

    /// Decodes a `list`, `set` or `vector` column, in wire order (or a `blob` for `[UInt8]`).
    /// - Parameters:
    ///   - bytes: The value's bytes; `nil` is NULL.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns,
    ///   ``CQLProtocolError/Code/unexpectedNull`` for NULL, and ``CQLProtocolError/Code/invalidValue``
    ///   or ``CQLProtocolError/Code/truncated`` for malformed bytes (negative counts, counts
    ///   larger than the bytes, NULL elements, wrong vector size).
    public init(cqlBytes bytes: ArraySlice<UInt8>?, type: CQLType) throws(CQLProtocolError) {
        try Self.checkCQLType(type)
        let bytes = try Self.nonNull(bytes, type)
        let elementType: CQLType, elements: [ArraySlice<UInt8>]
        switch type {
        case .list(let element), .set(let element):
            guard !bytes.isEmpty else { throw .emptyValue(Self.self, type) }
            (elementType, elements) = (element, try CQLCollectionLayout.elements(bytes, "\(type)"))
        case .vector(let element, let dimension):
            guard !bytes.isEmpty else { throw .emptyValue(Self.self, type) }
            (elementType, elements) = (element, try CQLCollectionLayout.vectorElements(bytes, element, dimension: dimension))
        default:
            // Only blob and custom columns reach here, and only for [UInt8] (checked above).
            guard let raw = Array<UInt8>(bytes) as? Self else { throw .typeMismatch(Self.self, type, accepts: "list, set or vector") }
            self = raw
            return
        }
        self = []
        reserveCapacity(elements.count)
        for element in elements { append(try Element(cqlBytes: element, type: elementType)) }
    }
}
