import CassandraDriver
import CQLProtocol

/// A model loaded with ``CassandraClient/loadSchema(_:migration:)``: the dynamic,
/// express-cassandra-style API over one table.
///
/// ```swift
/// try await Customer.save(["id": client.uuid(), "email": "a@b.c", "rating": 4.8])
/// let top = try await Customer.find(["rating": ["$gte": 4.5]],
///                                   options: .init(limit: 10, allowFiltering: true))
/// try await Customer.update(where: ["id": id], set: ["tags": ["$add": ["vip"]]])
/// try await Customer.delete(where: ["id": id])
/// ```
///
/// Every value is bound to a prepared statement (prepared once per statement text);
/// identifiers are validated and quoted. Safe to use from any task.
public final class Model: Sendable {
    /// The client the model belongs to.
    public let client: CassandraClient
    let schema: ResolvedSchema
    /// Column types as the server reports them (user-defined types with their fields).
    let columnTypes: [String: CQLType]
    let lookups: [String: UniqueLookup]

    /// The table name.
    public var table: String { schema.table }
    /// The partition key fields, in order.
    public var partitionKey: [String] { schema.partitionKey }
    /// The clustering fields, in order.
    public var clusteringKey: [String] { schema.clustering }
    /// The fields declared unique.
    public var uniqueFields: [String] { schema.uniqueFields }

    init(client: CassandraClient, schema: ResolvedSchema) async throws(ORMError) {
        self.client = client
        self.schema = schema
        let builder = QueryBuilder(schema: schema, keyspace: client.keyspace)
        do {
            let prepared = try await client.driver.prepare("SELECT * FROM \(builder.tableName)")
            columnTypes = Dictionary((prepared.resultMetadata.columns ?? []).map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        } catch {
            throw ORMError.wrap(error, table: schema.table)
        }
        var lookups: [String: UniqueLookup] = [:]
        for field in schema.uniqueFields { lookups[field] = try UniqueLookup(owner: schema, field: field, keyspace: client.keyspace) }
        self.lookups = lookups
    }

    var builder: QueryBuilder { QueryBuilder(schema: schema, keyspace: client.keyspace) }

    /// Prepares `statement` (cached by the driver) and binds its values, converting each to
    /// its marker's type.
    func bind(_ statement: BuiltStatement) async throws(ORMError) -> BoundStatement {
        let session = try client.driver
        let prepared: PreparedStatement
        do { prepared = try await session.prepare(statement.cql) } catch {
            throw ORMError.wrap(error, statement: statement.cql, table: schema.table)
        }
        guard prepared.variables.count == statement.binds.count else {
            throw ORMError(.invalidQuery, "the statement has \(prepared.variables.count) markers for \(statement.binds.count) values",
                           table: schema.table, statement: statement.cql)
        }
        var raw: [CQLRawValue] = []
        raw.reserveCapacity(statement.binds.count)
        for (bind, variable) in zip(statement.binds, prepared.variables) {
            do {
                guard let value = try bind.value.cqlValue(as: variable.type) else {
                    raw.append(.null)
                    continue
                }
                raw.append(try value.cqlRawValue(as: variable.type))
            } catch let failure as ConversionFailure {
                throw ORMError(.invalidValue, "'\(bind.field)': \(failure.message)", table: schema.table, field: bind.field,
                               value: bind.value, statement: statement.cql)
            } catch {
                throw ORMError(.invalidValue, "'\(bind.field)' does not fit \(variable.type)", table: schema.table, field: bind.field,
                               value: bind.value, statement: statement.cql, underlying: error)
            }
        }
        return BoundStatement(prepared: prepared, values: raw)
    }

    /// Binds and executes `statement`, returning its first page.
    func execute(_ statement: BuiltStatement, options: Statement.Options) async throws(ORMError) -> ResultSet {
        var bound = try await bind(statement)
        bound.options = options
        do {
            return try await client.driver.execute(bound)
        } catch {
            throw ORMError.wrap(error, statement: statement.cql, table: schema.table)
        }
    }

    func column(_ field: String) throws(ORMError) -> ResolvedSchema.Column {
        try QueryValidator(schema: schema).column(field)
    }
}
