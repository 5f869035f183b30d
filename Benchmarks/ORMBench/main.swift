// Measures the ORM's overhead against raw prepared driver calls on the embedded server:
// `save` vs a prepared INSERT and `findOne` vs a prepared SELECT by primary key of a row
// that exists, one request at a time (latency), over loopback.
//
//   orm-bench [iterations] [operation…]
//
// Operations: raw-insert, save, typed-save, raw-select, find-one, typed-find-one, and the
// compiled queries query-find-one and typed-query-find-one (all by default). The operations
// run interleaved, in rounds of 50 each, so that a slow phase of a shared machine hits all
// of them alike. With one operation,
// `valgrind --tool=callgrind` gives repeatable instruction counts: the difference between
// runs of 1500 and 500 iterations, divided by 1000, is the cost of one operation (client
// and in-process server, without the fixed start-up).
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CassandraDriver
import CassandraORM
import CQLServer
import Dispatch

struct Item: CassandraModel {
    static let schema = ModelSchema("items", fields: ["id": "int", "name": "text", "price": "double"], key: ["id"])
    var id: Int32
    var name: String
    var price: Double
}

struct Operation {
    var name: String
    var label: String
    /// The raw operation this one is compared with.
    var baseline: String?
    var body: (Int) async throws -> Void
}

func run() async throws {
    let arguments = CommandLine.arguments.dropFirst()
    let iterations = arguments.first.flatMap(Int.init) ?? 5000
    let selected = Set(arguments.filter { Int($0) == nil })
    let server = try await EmbeddedCQLServer.start(.init(port: 0))
    let client = try await CassandraORM.createClient(
        clientOptions: .init(contactPoints: ["127.0.0.1:\(server.port)"], keyspace: "bench", consistency: .one),
        ormOptions: .init(createKeyspace: true))
    try await client.connect()
    let model = try await client.loadSchema(Item.self)
    let session = try client.driver
    let insert = try await session.prepare(#"INSERT INTO "bench"."items" ("id", "name", "price") VALUES (?, ?, ?)"#)
    let select = try await session.prepare(#"SELECT * FROM "bench"."items" WHERE "id" = ? LIMIT 1"#)
    let byID = try model.query(where: ["id": .eq])
    let typedByID = try Item.query(where: ["id": .eq])
    // Reads look up rows written before timing starts (500 of them, ids from 1,000,000, in
    // five batches: little start-up for callgrind to subtract), so that every read finds and
    // decodes a row, also when it runs alone with no insert before it; writes use other ids.
    let readRows = 500
    func readID(_ index: Int) -> Int32 { Int32(1_000_000 + index % readRows) }

    let operations = [
        Operation(name: "raw-insert", label: "raw prepared INSERT") { index in
            try await session.execute(insert, Int32(index), "item", 1.5)
        },
        Operation(name: "save", label: "ORM Model.save", baseline: "raw-insert") { index in
            try await model.save(["id": .int(Int64(index)), "name": "item", "price": 1.5])
        },
        Operation(name: "typed-save", label: "ORM typed save()", baseline: "raw-insert") { index in
            try await Item(id: Int32(index), name: "item", price: 1.5).save()
        },
        Operation(name: "raw-select", label: "raw prepared SELECT + decode") { index in
            let row = try await session.execute(select, readID(index)).first
            _ = (try row?["name", as: String.self], try row?["price", as: Double.self])
        },
        Operation(name: "find-one", label: "ORM Model.findOne", baseline: "raw-select") { index in
            _ = try await model.findOne(["id": .int(Int64(readID(index)))])
        },
        Operation(name: "typed-find-one", label: "ORM typed findOne", baseline: "raw-select") { index in
            _ = try await Item.findOne(where: ["id": .int(Int64(readID(index)))])
        },
        Operation(name: "query-find-one", label: "ORM Model.query().findOne", baseline: "raw-select") { index in
            _ = try await byID.findOne(.int(Int64(readID(index))))
        },
        Operation(name: "typed-query-find-one", label: "ORM typed query().findOne", baseline: "raw-select") { index in
            _ = try await typedByID.findOne(.int(Int64(readID(index))))
        },
    ].filter { selected.isEmpty || selected.contains($0.name) }
    if operations.contains(where: { $0.name == "raw-select" || $0.baseline == "raw-select" }) {
        for start in stride(from: 0, to: readRows, by: 100) {
            var batch = BatchStatement(type: .unlogged)
            for index in start..<start + 100 { batch.add(try insert.bind(readID(index), "item", 1.5)) }
            try await session.batch(batch)
        }
    }

    let perRound = min(50, iterations)
    let rounds = iterations / perRound
    var samples: [String: [Double]] = [:]
    let clock = ContinuousClock()
    for operation in operations {
        for index in 0..<min(500, iterations) { try await operation.body(index) }
        samples[operation.name] = []
    }
    for round in 0..<rounds {
        for operation in operations {
            for index in round * perRound..<(round + 1) * perRound {
                let start = clock.now
                try await operation.body(index)
                let elapsed = clock.now - start
                samples[operation.name]!.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
            }
        }
    }

    struct Summary {
        var mean: Double
        var p50: Double
        var p99: Double

        init(_ samples: [Double]) {
            let sorted = samples.sorted()
            mean = sorted.reduce(0, +) / Double(sorted.count)
            p50 = sorted[sorted.count / 2]
            p99 = sorted[sorted.count * 99 / 100]
        }
    }

    let summaries = samples.mapValues(Summary.init)
    func percent(_ value: Double, _ baseline: Double) -> String {
        String(format: "%+9.1f%%", (value / baseline - 1) * 100)
    }
    print("iterations: \(rounds * perRound) per operation (sequential, interleaved in \(rounds) rounds, embedded server over loopback)")
    print("operation".padding(toLength: 30, withPad: " ", startingAt: 0)
          + "     mean µs      p50 µs      p99 µs   mean vs raw  p50 vs raw  p99 vs raw")
    for operation in operations {
        let summary = summaries[operation.name]!
        var line = operation.label.padding(toLength: 30, withPad: " ", startingAt: 0)
            + [summary.mean, summary.p50, summary.p99].map { String(format: "%12.1f", $0) }.joined()
        if let baseline = operation.baseline.flatMap({ summaries[$0] }) {
            line += "   " + percent(summary.mean, baseline.mean) + "  " + percent(summary.p50, baseline.p50) + "  "
                + percent(summary.p99, baseline.p99)
        }
        print(line)
    }
    try await client.close()
    try await server.shutdown()
}

// A synchronous main blocking on the benchmark's task, rather than an async main: valgrind
// 3.19 crashes in the `sigsuspend` of the async main's dispatch_main. Detached: a plain `Task` would
// run on the main actor, whose thread is the one waiting.
nonisolated(unsafe) var failure: (any Error)?
let done = DispatchSemaphore(value: 0)
Task.detached {
    do { try await run() } catch { failure = error }
    done.signal()
}
done.wait()
if let failure { fatalError("\(failure)") }
