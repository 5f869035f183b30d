/// A `[value]` as defined by native_protocol_v4.spec §3: bytes, NULL or "not set".
///
/// Keeps NULL (length -1) and unset (length -2) distinct from an empty value (length 0),
/// which the protocol treats as three different things.
public enum CQLRawValue: Sendable, Hashable {
    /// A serialized value; may be empty.
    case bytes([UInt8])
    /// The NULL value (length -1).
    case null
    /// A bound variable left unset (length -2): the column is not modified.
    case unset

    /// The bytes, or `nil` for NULL and unset.
    public var bytes: [UInt8]? {
        if case .bytes(let bytes) = self { return bytes }
        return nil
    }
}
