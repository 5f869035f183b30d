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
    /// The columns in ``ResolvedSchema/orderedColumns`` order: the positions INSERT plans
    /// and typed encoding refer to.
    let columns: ColumnLayout
    /// Whether ``save(_:options:)`` has nothing to do besides the INSERT: no defaults,
    /// rules, timestamps, versions, save hooks or unique fields. Typed saves of such
    /// models encode straight to bound values.
    let savesPlainly: Bool
    /// Prepared statements by shape, so that repeated calls skip building CQL text.
    let statements = StatementCache()
    /// The quoted `"keyspace"."table"`.
    let tableName: String
    /// The read-only models of the table's materialized views, by name (see ``view(_:)``).
    let views: [String: Model]

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
        tableName = builder.tableName
        let columnTypes: [String: CQLType]
        do {
            let prepared = try await client.driver.prepare("SELECT * FROM \(builder.tableName)")
            columnTypes = Dictionary((prepared.resultMetadata.columns ?? []).map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        } catch {
            throw ORMError.wrap(error, table: schema.table)
        }
        self.columnTypes = columnTypes
        columns = ColumnLayout(names: schema.orderedColumns, types: columnTypes, keyCount: schema.primaryKey.count)
        var lookups: [String: UniqueLookup] = [:]
        for field in schema.uniqueFields { lookups[field] = try UniqueLookup(owner: schema, field: field, keyspace: client.keyspace) }
        self.lookups = lookups
        savesPlainly = lookups.isEmpty && schema.options.timestamps == nil && schema.options.versions == nil
            && schema.hooks.beforeSave == nil && schema.hooks.afterSave == nil
            && !schema.definitions.values.contains { $0.default != nil || $0.rule != nil }
        views = try await Self.viewModels(of: schema, client: client)
    }

    var builder: QueryBuilder { QueryBuilder(schema: schema, keyspace: client.keyspace, tableName: tableName) }

    /// Prepares `statement` (cached by the driver) and binds its values, converting each to
    /// its marker's type.
    func bind(_ statement: BuiltStatement) async throws(ORMError) -> BoundStatement {
        let session = try client.driver
        let prepared: PreparedStatement
        do { prepared = try await session.prepare(statement.cql) } catch {
            throw ORMError.wrap(error, statement: statement.cql, table: schema.table)
        }
        return try bind(statement.binds, to: prepared)
    }

    /// Converts `binds` to the types of `prepared`'s markers.
    /// - Throws: ``ORMError/Code/invalidQuery`` unless there is one marker per bind, and
    ///   ``ORMError/Code/invalidValue``.
    func bind(_ binds: [BuiltStatement.Bind], to prepared: PreparedStatement) throws(ORMError) -> BoundStatement {
        try checkMarkers(prepared, count: binds.count)
        var values = RequestMessage.SerializedValues(capacity: 16 * binds.count)
        for (bind, variable) in zip(binds, prepared.variables) {
            try append(bind.value, as: variable.type, field: bind.field, statement: prepared.cql, to: &values)
        }
        return BoundStatement(prepared: prepared, serializedValues: values)
    }

    /// Appends `value` serialized as `type` to `values`.
    /// - Parameters:
    ///   - value: the value.
    ///   - type: the marker's type.
    ///   - field: the field the value belongs to, for the error.
    ///   - statement: the statement's text, for the error.
    ///   - values: the statement's values so far.
    /// - Throws: ``ORMError/Code/invalidValue`` when the value does not fit `type`.
    func append(_ value: ORMValue, as type: CQLType, field: String, statement: String,
                to values: inout RequestMessage.SerializedValues) throws(ORMError) {
        if Self.appendDirectly(value, as: type, to: &values) { return }
        values.append(try rawValue(value, as: type, field: field, statement: statement))
    }

    /// `value` serialized as `type`.
    func rawValue(_ value: ORMValue, as type: CQLType, field: String, statement: String) throws(ORMError) -> CQLRawValue {
        do {
            guard let converted = try value.cqlValue(as: type) else { return .null }
            return try converted.cqlRawValue(as: type)
        } catch let failure as ConversionFailure {
            throw ORMError(.invalidValue, "'\(field)': \(failure.message)", table: schema.table, field: field, value: value,
                           statement: statement)
        } catch {
            throw ORMError(.invalidValue, "'\(field)' does not fit \(type)", table: schema.table, field: field, value: value,
                           statement: statement, underlying: error)
        }
    }

    /// Appends the common scalar conversions of ``ORMValue/cqlValue(as:)`` straight to
    /// `values`, without an intermediate ``CQLValue`` or byte array.
    /// - Returns: `false`, leaving `values` unchanged, for every other case (and for
    ///   out-of-range values, so that the general path reports them).
    private static func appendDirectly(_ value: ORMValue, as type: CQLType, to values: inout RequestMessage.SerializedValues) -> Bool {
        do {
            switch (value, type) {
            case (.null, _): values.append(.null)
            case (.int(let number), .int):
                guard let narrowed = Int32(exactly: number) else { return false }
                try values.append(narrowed, as: .int)
            case (.int(let number), .bigint): try values.append(number, as: .bigint)
            case (.string(let text), .text): try values.append(text, as: .text)
            case (.double(let number), .double): try values.append(number, as: .double)
            case (.bool(let flag), .boolean): try values.append(flag, as: .boolean)
            case (.uuid(let uuid), .uuid): try values.append(uuid, as: .uuid)
            default: return false
            }
            return true
        } catch {
            return false
        }
    }

    /// Binds and executes `statement`, returning its first page.
    func execute(_ statement: BuiltStatement, options: Statement.Options) async throws(ORMError) -> ResultSet {
        try await execute(try await bind(statement), options: options)
    }

    /// Executes `bound` with `options`, returning its first page. Always inlined: around a
    /// read that is this call, a frame of its own would cost as much as what it does.
    /// - Parameter session: the session to execute on; the client's current one when `nil`.
    @inline(__always)
    func execute(_ bound: BoundStatement, options: Statement.Options, session: Session? = nil) async throws(ORMError) -> ResultSet {
        var bound = bound
        bound.options = options
        do {
            return try await (session ?? client.driver).execute(bound)
        } catch {
            throw ORMError.wrap(error, statement: bound.prepared.cql, table: schema.table)
        }
    }

    func column(_ field: String) throws(ORMError) -> ResolvedSchema.Column {
        guard let column = schema.columns[field] else {
            throw ORMError(.unknownField, "the schema has no field '\(field)'", table: schema.table, field: field)
        }
        return column
    }
}
