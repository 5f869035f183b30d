import CassandraDriver
import CQLProtocol
import UVLoop
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

// cql-bench: the driver's counterpart of Benchmarks/gocql/main.go.
//
//   cql-bench peer [port]                                   a minimal responder (separate process)
//   cql-bench run <host:port> <workload> <concurrency> <ops>
//
// Workloads: `select` (simple statement), `prepared` (prepared SELECT by key), `insert`
// (prepared INSERT). Prints one JSON line like the gocql benchmark, with client CPU per op
// from getrusage(RUSAGE_SELF) of this process only. With CQL_BENCH_ON_LOOP=1 the worker tasks
// prefer the connections' event loop as their executor, so responses resume them without a
// thread hop.

func cpuMicros() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e6 + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
}

let arguments = CommandLine.arguments
if arguments.count >= 2 && arguments[1] == "peer" {
    try await BenchPeer.run(port: arguments.count > 2 ? Int(arguments[2]) ?? 0 : 0)
}
guard arguments.count == 6, arguments[1] == "run", let concurrency = Int(arguments[4]), let ops = Int(arguments[5]) else {
    print("usage: cql-bench peer [port] | cql-bench run <host:port> <select|prepared|insert> <concurrency> <ops>")
    exit(2)
}
let workload = arguments[3]
var configuration = Session.Configuration(contactPoints: [arguments[2]], localDatacenter: "datacenter1")
configuration.requestTimeout = .seconds(30)
let group = EventLoopGroup(numberOfThreads: 1, name: "bench")
configuration.eventLoopGroup = group
let onLoop = ProcessInfo.processInfo.environment["CQL_BENCH_ON_LOOP"] == "1"
let session = try await Session.connect(configuration: configuration)
let select = try await session.prepare("SELECT value FROM bench.kv WHERE id = ?")
let insert = try await session.prepare("INSERT INTO bench.kv (id, value) VALUES (?, ?)")
let payload = [UInt8](repeating: 1, count: 100)

func one(_ index: Int) async throws {
    switch workload {
    case "select": _ = try await session.execute("SELECT value FROM bench.kv WHERE id = 1")
    case "prepared": _ = try await session.execute(select, Int64(index))
    default: _ = try await session.execute(insert, Int64(index), payload)
    }
}

// Warm up.
for index in 0..<1000 { try await one(index) }

let perWorker = ops / concurrency

/// The loop as a task executor, so that worker tasks can run where their responses arrive.
final class LoopExecutor: TaskExecutor {
    let loop: EventLoop
    init(_ loop: EventLoop) { self.loop = loop }
    func enqueue(_ job: consuming ExecutorJob) { loop.enqueue(job) }
}
let loopExecutor = LoopExecutor(group.loops[0])

func runWorker(_ worker: Int, _ perWorker: Int) async throws -> [Duration] {
    var latencies: [Duration] = []
    latencies.reserveCapacity(perWorker)
    for index in 0..<perWorker {
        let begin = ContinuousClock.now
        try await one(worker * perWorker + index)
        latencies.append(ContinuousClock.now - begin)
    }
    return latencies
}
let clock = ContinuousClock()
let cpuBefore = cpuMicros()
let start = clock.now
let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
    for worker in 0..<concurrency {
        group.addTask {
            if onLoop {
                return try await withTaskExecutorPreference(loopExecutor) { try await runWorker(worker, perWorker) }
            }
            return try await runWorker(worker, perWorker)
        }
    }
    var all: [Duration] = []
    for try await part in group { all += part }
    return all
}.sorted()
let elapsed = clock.now - start
let cpu = cpuMicros() - cpuBefore
func micros(_ duration: Duration) -> Double { Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12 }
func percentile(_ p: Double) -> Double { micros(latencies[Int(Double(latencies.count - 1) * p)]) }
let total = latencies.count
print("{\"driver\":\"swift\",\"workload\":\"\(workload)\",\"concurrency\":\(concurrency),\"ops\":\(total),"
      + "\"ops_per_sec\":\(Int(Double(total) / (micros(elapsed) / 1e6))),\"p50_us\":\(percentile(0.5)),"
      + "\"p99_us\":\(percentile(0.99)),\"cpu_us_per_op\":\(cpu / Double(total))}")
try await session.close()
try await group.shutdown()
