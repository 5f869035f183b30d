/// How a ``VectorCollection`` asks to store embeddings.
public enum VectorStorageMode: String, Sendable, Hashable, CaseIterable {
    /// Use what the table already has; for a new table, ``native`` on Cassandra 5.0 or later
    /// (`release_version` in `system.local`), ``fallback`` otherwise.
    case automatic
    /// A `vector<float, n>` column with a storage-attached index; search is
    /// `ORDER BY embedding ANN OF ? LIMIT k` on the server. Needs Cassandra 5.0+.
    case native
    /// A `blob` of packed little-endian Float32 values; search scans the table page by page and
    /// ranks exactly on the client. Works on every Cassandra version.
    case fallback
}
