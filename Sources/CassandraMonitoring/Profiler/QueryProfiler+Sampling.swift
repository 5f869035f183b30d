extension QueryProfiler {
    /// Which attempts the profiler keeps. Every choice is deterministic, so a test (or a
    /// second run) samples the same attempts.
    public enum Sampling: Sendable, Equatable {
        /// Every attempt.
        case all
        /// One attempt in `n`, by arrival: the 1st, the `n+1`th, … (`n < 1` counts as 1).
        case everyNth(Int)
        /// Whole statements: those whose text hashes (FNV-1a, 64-bit, mixed with `seed`) below
        /// `fraction` of the hash range (FNV-1a alone leaves the high bits poorly mixed for
        /// statements that differ only at the end, so the MurmurHash3 finalizer follows it). A sampled statement has every attempt profiled.
        case statements(fraction: Double, seed: UInt64)

        /// Whether to keep an attempt.
        /// - Parameters:
        ///   - statement: the attempt's CQL text.
        ///   - sequence: the attempt's arrival number, from 0.
        /// - Returns: `true` to profile it.
        public func includes(statement: String, sequence: UInt64) -> Bool {
            switch self {
            case .all:
                return true
            case .everyNth(let n):
                return sequence % UInt64(Swift.max(n, 1)) == 0
            case .statements(let fraction, let seed):
                guard fraction < 1 else { return true }
                guard fraction > 0 else { return false }
                return Double(Self.hash(statement, seed: seed)) / 18_446_744_073_709_551_616.0 < fraction
            }
        }

        /// FNV-1a over the seed's bytes, then the statement's UTF-8 bytes, then MurmurHash3's
        /// 64-bit finalizer.
        static func hash(_ statement: String, seed: UInt64) -> UInt64 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            func mix(_ byte: UInt8) {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            for shift in stride(from: 0, to: 64, by: 8) { mix(UInt8(truncatingIfNeeded: seed >> UInt64(shift))) }
            for byte in statement.utf8 { mix(byte) }
            hash ^= hash >> 33
            hash = hash &* 0xff51_afd7_ed55_8ccd
            hash ^= hash >> 33
            hash = hash &* 0xc4ce_b9fe_1a85_ec53
            hash ^= hash >> 33
            return hash
        }
    }
}
