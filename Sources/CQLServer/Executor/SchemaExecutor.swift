#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol

/// Executes DDL against the catalog with Cassandra's validation rules and messages
/// (`CreateTableStatement`, `AlterTableStatement`, … in `cql3/statements/schema`).
enum SchemaExecutor {
    /// Keyspaces that exist on every node and cannot be created, altered or dropped.
    static let systemKeyspaces: Set<String> = ["system", "system_schema", "system_auth", "system_distributed", "system_traces", "system_views", "system_virtual_schema"]

    // MARK: Keyspaces

    static func createKeyspace(_ statement: Statement.CreateKeyspace, in state: inout StorageEngine.State) throws(ExecutionError) -> ExecutionResult {
        let name = statement.keyspace.name
        try validateName(name, what: "Keyspace")
        guard !systemKeyspaces.contains(name) else { throw .invalid("\(name) is a reserved keyspace name") }
        if state.keyspaces[name] != nil {
            if statement.ifNotExists { return .void }
            throw ExecutionError(kind: .alreadyExists(keyspace: name, table: ""), message: "Cannot add existing keyspace \"\(name)\"")
        }
        let replication = try normalizedReplication(statement.replication)
        let durable = try durableWrites(statement.durableWrites)
        state.keyspaces[name] = KeyspaceDefinition(name: name, replication: replication, durableWrites: durable)
        state.schemaGeneration += 1
        return .schemaChange(.init(change: .created, target: .keyspace, keyspace: name, name: ""))
    }

    static func alterKeyspace(_ statement: Statement.AlterKeyspace, in state: inout StorageEngine.State) throws(ExecutionError) -> ExecutionResult {
        let name = statement.keyspace.name
        guard !systemKeyspaces.contains(name) else { throw ExecutionError(kind: .unauthorized, message: "Cannot alter system keyspace \(name)") }
        guard var keyspace = state.keyspaces[name] else {
            if statement.ifExists { return .void }
            throw .invalid("Keyspace '\(name)' doesn't exist")
        }
        if case .map(let map) = statement.options[option: "replication"] {
            keyspace.replication = try normalizedReplication(map)
        }
        if case .text(let text) = statement.options[option: "durable_writes"] {
            keyspace.durableWrites = try durableWrites(text)
        }
        state.keyspaces[name] = keyspace
        state.schemaGeneration += 1
        return .schemaChange(.init(change: .updated, target: .keyspace, keyspace: name, name: ""))
    }

    static func dropKeyspace(_ statement: Statement.DropKeyspace, in state: inout StorageEngine.State) throws(ExecutionError) -> ExecutionResult {
        let name = statement.keyspace.name
        guard !systemKeyspaces.contains(name) else { throw ExecutionError(kind: .unauthorized, message: "Cannot drop system keyspace \(name)") }
        guard let keyspace = state.keyspaces.removeValue(forKey: name) else {
            if statement.ifExists { return .void }
            throw .invalid("Keyspace '\(name)' doesn't exist")
        }
        for table in keyspace.tables.values { state.stores.removeValue(forKey: table.id) }
        state.schemaGeneration += 1
        return .schemaChange(.init(change: .dropped, target: .keyspace, keyspace: name, name: ""))
    }

    private static func normalizedReplication(_ given: [String: String]?) throws(ExecutionError) -> [String: String] {
        guard let given, let className = given["class"] else {
            throw .configuration("Missing replication strategy class")
        }
        var replication = given
        switch className {
        case "SimpleStrategy", "org.apache.cassandra.locator.SimpleStrategy":
            replication["class"] = "org.apache.cassandra.locator.SimpleStrategy"
            guard let factor = given["replication_factor"] else {
                throw .configuration("SimpleStrategy requires a replication_factor strategy option.")
            }
            guard let value = Int(factor), value >= 0 else {
                throw .configuration("Replication factor must be non-negative; found \(factor)")
            }
            for key in given.keys where key != "class" && key != "replication_factor" {
                throw .configuration("Unrecognized strategy option {\(key)} passed to SimpleStrategy for keyspace")
            }
        case "NetworkTopologyStrategy", "org.apache.cassandra.locator.NetworkTopologyStrategy":
            replication["class"] = "org.apache.cassandra.locator.NetworkTopologyStrategy"
            if let factor = given["replication_factor"] {
                replication.removeValue(forKey: "replication_factor")
                replication[LocalNode.datacenter] = factor
            }
            for (key, value) in replication where key != "class" {
                guard let number = Int(value), number >= 0 else {
                    throw .configuration("Replication factor must be non-negative; found \(value)")
                }
            }
        case "LocalStrategy", "org.apache.cassandra.locator.LocalStrategy", "EverywhereStrategy":
            throw .configuration("Unable to use given strategy class: LocalStrategy is reserved for internal use.")
        default:
            throw .configuration("Unable to find replication strategy class 'org.apache.cassandra.locator.\(className)'")
        }
        return replication
    }

    private static func durableWrites(_ text: String?) throws(ExecutionError) -> Bool {
        guard let text else { return true }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw .syntax("Invalid boolean value \(text) for 'durable_writes'")
        }
    }

    static func validateName(_ name: String, what: String) throws(ExecutionError) {
        guard !name.isEmpty, name.count <= 48,
              name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
            throw .invalid("\(what) name must not be empty, more than 48 characters long, or contain non-alphanumeric-underscore characters (got \"\(name)\")")
        }
    }

    // MARK: Helpers shared by table and type statements

    /// The keyspace a statement targets: its qualifier or the session keyspace.
    static func keyspaceName(_ name: QualifiedName, session: String?) throws(ExecutionError) -> String {
        if let keyspace = name.keyspace { return keyspace.name }
        guard let session else {
            throw .invalid("No keyspace has been specified. USE a keyspace, or explicitly specify keyspace.tablename")
        }
        return session
    }

    /// Resolves a declared type: user-defined types get their fields from the keyspace.
    static func resolve(_ expression: CQLTypeExpression, in keyspace: KeyspaceDefinition) throws(ExecutionError) -> CQLType {
        try expression.cqlType(
            userType: { name throws(ExecutionError) in
                if let qualifier = name.keyspace, qualifier != keyspace.name {
                    throw .invalid("Statement on keyspace \(keyspace.name) cannot refer to a user type in keyspace \(qualifier); user types can only be used in the keyspace they are defined in")
                }
                guard let udt = keyspace.type(named: name.name) else {
                    throw .invalid("Unknown type \(keyspace.name).\(name.name)")
                }
                return .udt(udt)
            },
            customType: { className throws(ExecutionError) in
                do throws(CQLProtocolError) { return try CQLType(marshalClass: className) } catch { throw .configuration(error.message) }
            })
    }

    /// Non-frozen collections nested in a collection must be frozen (Cassandra rejects them).
    static func validateNesting(_ expression: CQLTypeExpression, column: String, topLevel: Bool = true) throws(ExecutionError) {
        switch expression {
        case .list(let element), .set(let element):
            if !topLevel { throw .invalid("Non-frozen collections are not allowed inside collections: \(expression)") }
            try validateNesting(element, column: column, topLevel: false)
        case .map(let key, let value):
            if !topLevel { throw .invalid("Non-frozen collections are not allowed inside collections: \(expression)") }
            try validateNesting(key, column: column, topLevel: false)
            try validateNesting(value, column: column, topLevel: false)
        case .userDefined:
            if !topLevel { throw .invalid("Non-frozen UDTs are not allowed inside collections: \(expression)") }
        case .frozen, .native, .tuple, .vector, .custom:
            break
        }
    }
}
