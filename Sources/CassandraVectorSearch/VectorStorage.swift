/// How a ``VectorCollection`` actually stores embeddings (the resolved ``VectorStorageMode``).
public enum VectorStorage: String, Sendable, Hashable, CaseIterable {
    /// `embedding vector<float, n>` with a storage-attached index; server-side ANN search.
    case native
    /// `embedding blob` of packed little-endian Float32 values; exact client-side scan.
    case fallback
}
