import CQLProtocol

/// Rebuilds the catalog and data from a commit log before the server accepts clients.
enum CommitLogReplay {
    /// Replays every record of the log in `directory` through `processor`.
    static func replay(directory: String, into processor: QueryProcessor) throws(EmbeddedCQLServer.StartError) {
        for var record in CommitLog.records(directory: directory) {
            do {
                switch try record.readByte() {
                case 1:
                    let keyspace = try record.readString()
                    let text = try record.readLongString()
                    var session = QueryProcessor.SessionState(keyspace: keyspace.isEmpty ? nil : keyspace)
                    let outcome = processor.query(.init(query: text, parameters: .init(consistency: .one)), session: &session)
                    if case .error(let error) = outcome.response {
                        throw EmbeddedCQLServer.StartError(message: "commit log replay failed on '\(text)': \(error.message)")
                    }
                case let kind where kind == 2 || kind == 3:
                    let now = kind == 3 ? try record.readLong() : processor.clock() / 1_000_000
                    let count = Int(try record.readInt())
                    var mutations: [Mutation] = []
                    for _ in 0..<count { mutations.append(try MutationCodec.decode(from: &record)) }
                    processor.engine.withState { state in
                        for mutation in mutations {
                            guard let table = state.keyspaces[mutation.keyspace]?.tables[mutation.table] else { continue }
                            state.lastTimestamp = max(state.lastTimestamp, mutation.rows.map(\.timestamp).max() ?? 0)
                            state.advanceListPaths(past: mutation, table: table)
                            state.applyMaintainingViews(mutation, table: table, now: now)
                        }
                    }
                default:
                    throw EmbeddedCQLServer.StartError(message: "commit log record of unknown kind")
                }
            } catch let error as EmbeddedCQLServer.StartError {
                throw error
            } catch {
                throw EmbeddedCQLServer.StartError(message: "corrupt commit log record: \(error)")
            }
        }
    }
}
