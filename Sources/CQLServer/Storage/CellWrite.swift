/// One column modification produced by the executor for INSERT, UPDATE or DELETE.
enum CellWrite: Sendable, Hashable {
    /// Sets a single-cell column (`nil` writes a cell tombstone, as `c = null` does).
    case value([UInt8]?)
    /// Replaces a multi-cell collection: deletes what was there, then writes the elements.
    case replaceCollection([CollectionElement])
    /// Adds or overwrites elements (set add, map put, list append/prepend/index set).
    case addElements([CollectionElement])
    /// Deletes elements by path (set remove, map key delete, list index delete).
    case removeElements([[UInt8]])
    /// Deletes the whole column (`DELETE c FROM …`).
    case deleteColumn
    /// Adds to a counter.
    case counterAdd(Int64)
}

/// One element of a multi-cell collection: its path (see ``ComplexCell``) and value.
struct CollectionElement: Sendable, Hashable {
    /// The element's path.
    var path: [UInt8]
    /// The element's stored value (empty for sets).
    var value: [UInt8]
}
