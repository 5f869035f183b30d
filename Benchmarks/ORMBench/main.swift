// Measures the ORM's overhead against raw prepared driver calls on the embedded server:
// `save` vs a prepared INSERT and `findOne` vs a prepared SELECT by primary key, one request
// at a time (latency), over loopback. Usage: orm-bench [iterations]
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CassandraDriver
import CassandraORM
import CQLServer

struct Item: CassandraModel {
    static let schema = ModelSchema("items", fields: ["id": "int", "name": "text", "price": "double"], key: ["id"])
    var id: Int32
    var name: String
    var price: Double
}

func measure(_ label: String, iterations: Int, _ body: (Int) async throws -> Void) async throws -> (String, [Double]) {
    for index in 0..<min(500, iterations) { try await body(index) }
    var samples: [Double] = []
    samples.reserveCapacity(iterations)
    let clock = ContinuousClock()
    for index in 0..<iterations {
        let start = clock.now
        try await body(index)
        let elapsed = clock.now - start
        samples.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
    }
    return (label, samples.sorted())
}

let iterations = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 5000
let server = try await EmbeddedCQLServer.start(.init(port: 0))
let client = try await CassandraORM.createClient(
    clientOptions: .init(contactPoints: ["127.0.0.1:\(server.port)"], keyspace: "bench", consistency: .one),
    ormOptions: .init(createKeyspace: true))
try await client.connect()
let model = try await client.loadSchema(Item.self)
let session = try client.driver
let insert = try await session.prepare(#"INSERT INTO "bench"."items" ("id", "name", "price") VALUES (?, ?, ?)"#)
let select = try await session.prepare(#"SELECT * FROM "bench"."items" WHERE "id" = ? LIMIT 1"#)

var results: [(String, [Double])] = []
results.append(try await measure("raw prepared INSERT", iterations: iterations) { index in
    try await session.execute(insert, Int32(index), "item", 1.5)
})
results.append(try await measure("ORM Model.save", iterations: iterations) { index in
    try await model.save(["id": .int(Int64(index)), "name": "item", "price": 1.5])
})
results.append(try await measure("ORM typed save()", iterations: iterations) { index in
    try await Item(id: Int32(index), name: "item", price: 1.5).save()
})
results.append(try await measure("raw prepared SELECT + decode", iterations: iterations) { index in
    let row = try await session.execute(select, Int32(index)).first
    _ = (try row?["name", as: String.self], try row?["price", as: Double.self])
})
results.append(try await measure("ORM Model.findOne", iterations: iterations) { index in
    _ = try await model.findOne(["id": .int(Int64(index))])
})
results.append(try await measure("ORM typed findOne", iterations: iterations) { index in
    _ = try await Item.findOne(where: ["id": .int(Int64(index))])
})

print("iterations: \(iterations) (sequential, embedded server over loopback)")
print("operation".padding(toLength: 32, withPad: " ", startingAt: 0) + "     mean µs      p50 µs      p99 µs")
for (label, samples) in results {
    let mean = samples.reduce(0, +) / Double(samples.count)
    let columns = [mean, samples[samples.count / 2], samples[samples.count * 99 / 100]].map { String(format: "%12.1f", $0) }
    print(label.padding(toLength: 32, withPad: " ", startingAt: 0) + columns.joined())
}
try await client.close()
try await server.shutdown()
