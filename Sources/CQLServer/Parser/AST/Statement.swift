/// A parsed CQL statement: the root of the AST, produced by ``Parser/parse(_:)``.
///
/// Each kind is a nested value type in its own file (`Statement+Select.swift`, …).
public enum Statement: Sendable, Hashable {
    /// `SELECT`.
    case select(Select)
    /// `INSERT`.
    case insert(Insert)
    /// `UPDATE`.
    case update(Update)
    /// `DELETE`.
    case delete(Delete)
    /// `BEGIN … BATCH … APPLY BATCH`.
    case batch(Batch)
    /// `USE`.
    case use(Use)
    /// `TRUNCATE`.
    case truncate(Truncate)
    /// `CREATE KEYSPACE`.
    case createKeyspace(CreateKeyspace)
    /// `ALTER KEYSPACE`.
    case alterKeyspace(AlterKeyspace)
    /// `DROP KEYSPACE`.
    case dropKeyspace(DropKeyspace)
    /// `CREATE TABLE`.
    case createTable(CreateTable)
    /// `ALTER TABLE`.
    case alterTable(AlterTable)
    /// `DROP TABLE`.
    case dropTable(DropTable)
    /// `CREATE TYPE`.
    case createType(CreateType)
    /// `ALTER TYPE`.
    case alterType(AlterType)
    /// `DROP TYPE`.
    case dropType(DropType)
    /// `CREATE [CUSTOM] INDEX`.
    case createIndex(CreateIndex)
    /// `DROP INDEX`.
    case dropIndex(DropIndex)
    /// `CREATE MATERIALIZED VIEW`.
    case createMaterializedView(CreateMaterializedView)
    /// `ALTER MATERIALIZED VIEW`.
    case alterMaterializedView(AlterMaterializedView)
    /// `DROP MATERIALIZED VIEW`.
    case dropMaterializedView(DropMaterializedView)
}

/// A statement together with its bind markers, as needed to answer a PREPARE.
public struct ParsedStatement: Sendable, Hashable {
    /// The statement.
    public var statement: Statement
    /// Every bind marker in order of appearance; `bindMarkers[i].index == i`.
    public var bindMarkers: [BindMarker]

    /// Creates a parsed statement.
    public init(statement: Statement, bindMarkers: [BindMarker]) {
        self.statement = statement
        self.bindMarkers = bindMarkers
    }

    /// The number of bind markers.
    public var bindMarkerCount: Int { bindMarkers.count }
}
