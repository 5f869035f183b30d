import CassandraDriver
import CQLProtocol
import Synchronization

/// One statement of a ``Model/Query``: its CQL text, built and validated once, where each
/// marker's value comes from, and the statement prepared on the session last used.
final class CompiledRead: Sendable {
    /// A marker bound to one of the query's values.
    struct Marker: Sendable {
        /// The position of the value among the query's values.
        let parameter: Int
        /// The restricted field, for errors.
        let field: String
        /// Whether the value must be a list (`$in`).
        let isList: Bool
    }

    /// The CQL text.
    let cql: String
    /// The markers of the restrictions, in statement order.
    let markers: [Marker]
    /// The values after them: a bound per-partition limit and limit, in statement order.
    let trailing: [BuiltStatement.Bind]
    private let prepared = Mutex<(session: Session, statement: PreparedStatement)?>(nil)

    /// Builds and validates the read of `restrictions`, each with a placeholder value.
    /// - Parameters:
    ///   - restrictions: one per query value, in the order of the values.
    ///   - options: the read options.
    ///   - builder: the model's query builder.
    /// - Throws: the errors of ``QueryBuilder/select(restrictions:options:)``.
    init(_ restrictions: [Restriction], options: FindOptions, builder: QueryBuilder) throws(ORMError) {
        let statement = try builder.select(restrictions: restrictions, options: options)
        cql = statement.cql
        markers = builder.orderedIndices(restrictions).map { index in
            Marker(parameter: index, field: restrictions[index].field, isList: restrictions[index].op == .in)
        }
        trailing = Array(statement.binds.dropFirst(restrictions.count))
    }

    /// The statement prepared on `session` before, if any.
    func statement(on session: Session) -> PreparedStatement? {
        prepared.withLock { prepared in prepared?.session === session ? prepared?.statement : nil }
    }

    /// Prepares the statement on `session` and keeps it.
    /// - Throws: ``ORMError/Code/driver`` when the server refuses it.
    func prepare(on session: Session, table: String) async throws(ORMError) -> PreparedStatement {
        let statement: PreparedStatement
        do {
            statement = try await session.prepare(cql)
        } catch {
            throw ORMError.wrap(error, statement: cql, table: table)
        }
        prepared.withLock { $0 = (session, statement) }
        return statement
    }

    /// Binds `values` to `statement`, the prepared form of this read.
    /// - Parameters:
    ///   - values: one per parameter, in parameter order; arity checked by the caller.
    ///   - statement: the prepared statement.
    ///   - model: the model, which converts the values.
    /// - Throws: ``ORMError/Code/invalidQuery`` for an `$in` value that is not a list and
    ///   ``ORMError/Code/invalidValue`` for a value that does not fit its marker.
    func bind(_ values: [ORMValue], to statement: PreparedStatement, model: Model) throws(ORMError) -> BoundStatement {
        try model.checkMarkers(statement, count: markers.count + trailing.count)
        let variables = statement.variables
        var serialized = RequestMessage.SerializedValues(capacity: 16 * variables.count)
        for marker in markers {
            let value = values[marker.parameter]
            if marker.isList, value.listValue == nil {
                throw ORMError(.invalidQuery, "$in takes a list of values", table: model.table, field: marker.field)
            }
            try model.append(value, as: variables[serialized.count].type, field: marker.field, statement: statement.cql, to: &serialized)
        }
        for bind in trailing {
            try model.append(bind.value, as: variables[serialized.count].type, field: bind.field, statement: statement.cql, to: &serialized)
        }
        return BoundStatement(prepared: statement, serializedValues: serialized)
    }
}
