#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's own resource use, read from the operating system.
public struct ProcessStats: Sendable, Equatable {
    /// User plus system CPU time since the process started, in seconds (`getrusage`).
    public var cpuSeconds: Double
    /// Resident memory in bytes: current on Linux (`/proc/self/statm`), otherwise the peak
    /// (`getrusage`'s `ru_maxrss`).
    public var residentMemoryBytes: Double

    /// Creates a reading.
    /// - Parameters:
    ///   - cpuSeconds: CPU time, in seconds.
    ///   - residentMemoryBytes: resident memory, in bytes.
    public init(cpuSeconds: Double, residentMemoryBytes: Double) {
        self.cpuSeconds = cpuSeconds
        self.residentMemoryBytes = residentMemoryBytes
    }

    /// Reads the current values.
    /// - Returns: the reading, or `nil` if the operating system refused.
    public static func current() -> ProcessStats? {
        var usage = rusage()
        #if canImport(Glibc)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return nil }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        let cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime)
        #if os(Linux)
        guard let resident = linuxResidentBytes() else { return nil }
        return ProcessStats(cpuSeconds: cpu, residentMemoryBytes: resident)
        #else
        // Darwin reports ru_maxrss in bytes.
        return ProcessStats(cpuSeconds: cpu, residentMemoryBytes: Double(usage.ru_maxrss))
        #endif
    }

    #if os(Linux)
    /// The second field of `/proc/self/statm` (resident pages) times the page size.
    private static func linuxResidentBytes() -> Double? {
        let descriptor = open("/proc/self/statm", O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        let fields = String(decoding: buffer[..<count], as: UTF8.self).split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return nil }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE)))
    }
    #endif
}
