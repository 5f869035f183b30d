extension Duration {
    /// The duration in seconds, as a `Double` (Prometheus's base unit).
    var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
