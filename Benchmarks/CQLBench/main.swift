// cql-bench: the Swift driver's side of the driver benchmark (Benchmarks/gocql and
// Benchmarks/python run the same workloads).
//
//   cql-bench [--host 127.0.0.1] [--port 9042] [--keyspace cqlbench] [--workloads insert,select]
//             [--concurrency 1,16,256,1024] [--ops 20000] [--executor global|loop]
//
// Workloads: `insert` (prepared INSERT of an int key and a short text) and `select`
// (prepared SELECT by key). Each runs `--ops` requests with `concurrency` tasks, one request
// in flight per task, and prints one JSON line: throughput, latency percentiles and this
// process's CPU time per request (getrusage). Latency percentiles come from an HdrHistogram
// (three significant digits), filled after the run from each task's plain list.
//
// `--executor global` (the default) runs the tasks on Swift's global executor, as most
// applications do; `--executor loop` makes them prefer the session's event-loop task executor
// (`Session.taskExecutor`), so that responses resume them without a thread hop. The JSON
// names the driver `swift` and `swift-loop` respectively.
import CassandraDriver
import Dispatch
import Histogram
#if canImport(Glibc)
import Glibc
#endif

struct Options {
    var host = "127.0.0.1"
    var port = 9042
    var keyspace = "cqlbench"
    var workloads = ["insert", "select"]
    var concurrencies = [1, 16, 256, 1024]
    var ops = 20_000
    var runsOnLoop = false

    init(_ arguments: [String]) {
        var remaining = arguments[...]
        while let flag = remaining.popFirst(), let value = remaining.popFirst() {
            switch flag {
            case "--host": host = value
            case "--port": port = Int(value) ?? port
            case "--keyspace": keyspace = value
            case "--workloads": workloads = value.split(separator: ",").map(String.init)
            case "--concurrency": concurrencies = value.split(separator: ",").compactMap { Int($0) }
            case "--ops": ops = Int(value) ?? ops
            case "--executor": runsOnLoop = value == "loop"
            default: break
            }
        }
    }
}

func cpuMicros() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e6 + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
}

/// The monotonic clock in nanoseconds (`clock_gettime`, as Go's `time.Now` reads it): cheap
/// enough to time every request without the harness adding to the client CPU it measures.
func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

func run() async throws {
    let options = Options(Array(CommandLine.arguments.dropFirst()))
    var configuration = Session.Configuration(contactPoints: ["\(options.host):\(options.port)"], localDatacenter: "datacenter1")
    configuration.requestTimeout = .seconds(30)
    let session = try await Session.connect(configuration: configuration)
    _ = try await session.execute("CREATE KEYSPACE IF NOT EXISTS \(options.keyspace) WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
    _ = try await session.execute("CREATE TABLE IF NOT EXISTS \(options.keyspace).bench_kv (id int PRIMARY KEY, value text)")
    let insert = try await session.prepare("INSERT INTO \(options.keyspace).bench_kv (id, value) VALUES (?, ?)")
    let select = try await session.prepare("SELECT id, value FROM \(options.keyspace).bench_kv WHERE id = ?")
    let executor: (any TaskExecutor)? = options.runsOnLoop ? session.taskExecutor : nil
    let driverName = options.runsOnLoop ? "swift-loop" : "swift"

    /// One request of `workload` for operation number `index`; returns whether it failed.
    @Sendable func request(_ workload: String, _ index: Int) async -> Bool {
        let key = Int32(index % 10_000)
        do {
            if workload == "insert" {
                _ = try await session.execute(insert, key, "value-\(key)")
            } else {
                _ = try await session.execute(select, key)
            }
            return false
        } catch {
            return true
        }
    }

    for workload in options.workloads {
        for concurrency in options.concurrencies {
            let counter = OperationCounter(limit: options.ops)
            let cpuBefore = cpuMicros()
            let start = monotonicNanoseconds()
            let results = await withTaskGroup(of: ([UInt64], Int).self) { group in
                for _ in 0..<concurrency {
                    group.addTask(executorPreference: executor) {
                        var latencies: [UInt64] = []
                        latencies.reserveCapacity(options.ops / concurrency + 1)
                        var errors = 0
                        while let index = counter.next() {
                            let began = monotonicNanoseconds()
                            if await request(workload, index) { errors += 1 }
                            latencies.append(monotonicNanoseconds() - began)
                        }
                        return (latencies, errors)
                    }
                }
                var all: ([[UInt64]], Int) = ([], 0)
                for await part in group {
                    all.0.append(part.0)
                    all.1 += part.1
                }
                return all
            }
            let elapsed = Double(monotonicNanoseconds() - start) / 1e3
            let cpu = cpuMicros() - cpuBefore
            // Into the histogram after the CPU reading: a histogram per task costs ~100 KB of
            // buckets each, which at 1024 tasks would measure the cache, not the driver.
            var latencies = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
            for part in results.0 {
                for nanoseconds in part { latencies.record(nanoseconds) }
            }
            func percentile(_ percent: Double) -> Double {
                Double(latencies.valueAtPercentile(percent)) / 1e3
            }
            let total = Int(latencies.totalCount)
            print("{\"driver\":\"\(driverName)\",\"workload\":\"\(workload)\",\"concurrency\":\(concurrency),\"ops\":\(total),"
                  + "\"errors\":\(results.1),\"ops_per_sec\":\(Double(total) / (elapsed / 1e6)),"
                  + "\"p50_us\":\(percentile(50)),\"p99_us\":\(percentile(99)),\"p999_us\":\(percentile(99.9)),"
                  + "\"cpu_us_per_op\":\(cpu / Double(max(total, 1)))}")
        }
    }
    try await session.close()
}

// A synchronous main blocking on the benchmark's task, rather than an async main: valgrind
// 3.19 crashes in the `sigsuspend` of the async main's dispatch_main (it writes the client's
// read-only signal mask), so callgrind could not profile this program. Detached: a plain `Task`
// would run on the main actor, whose thread is the one waiting.
nonisolated(unsafe) var failure: (any Error)?
let done = DispatchSemaphore(value: 0)
Task.detached {
    do { try await run() } catch { failure = error }
    done.signal()
}
done.wait()
if let failure { fatalError("\(failure)") }
