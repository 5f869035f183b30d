import CassandraGraphQL
import CassandraORM
import GraphQL
import XCTest

final class SchemaGeneratorTests: XCTestCase {
    /// The complete SDL of a small model.
    func testTheSDLOfAOneKeyModel() throws {
        let notes = ModelSchema("notes", fields: ["id": "uuid", "body": "text", "tags": "list<text>"], key: ["id"])
        XCTAssertEqual(try SchemaGenerator.sdl(for: [ModelDescription(notes)]), Self.notesSDL)
    }

    func testTheSDLBuildsIntoASchemaThatPrintsAsTheSDL() throws {
        let sdl = try SchemaGenerator.sdl(for: [ModelDescription(Fixtures.products), ModelDescription(Fixtures.events)])
        XCTAssertEqual(printSchema(schema: try buildSchema(source: sdl)), sdl)
    }

    func testClusteredModelsGetOrderingAndFullKeyArguments() throws {
        let sdl = try SchemaGenerator.sdl(for: [ModelDescription(Fixtures.events)])
        XCTAssertTrue(sdl.contains("  tenantEvents(tenant: String!, day: Date!, seq: BigInt!): TenantEvents\n"), sdl)
        XCTAssertTrue(sdl.contains(
            "  tenantEventsList(where: TenantEventsFilter, orderBy: [TenantEventsOrder!], limit: Int, allowFiltering: Boolean = false, "
                + "pageSize: Int, cursor: String): TenantEventsPage\n"), sdl)
        XCTAssertTrue(sdl.contains("enum TenantEventsOrderField {\n  seq\n}"), sdl)
        XCTAssertTrue(sdl.contains("input TenantEventsUpdateInput {\n  at: DateTime\n  data: Blob\n  payload: JSON\n  score: Float\n}"), sdl)
        XCTAssertTrue(sdl.contains("input TenantEventsFilter {\n  tenant: StringFilter\n  day: DateFilter\n  seq: BigIntFilter\n"), sdl)
        XCTAssertTrue(sdl.contains("enum SortDirection {\n  ASC\n  DESC\n}"), sdl)
    }

    func testManagedColumnsAreReadableButNotWritable() throws {
        let sdl = try SchemaGenerator.sdl(for: [ModelDescription(Fixtures.products)])
        XCTAssertTrue(sdl.contains("type Products {\n  id: UUID!\n  _v: UUID\n"), sdl)
        XCTAssertTrue(sdl.contains("input ProductsCreateInput {\n  id: UUID!\n  attributes: JSON\n"), sdl)
        XCTAssertTrue(sdl.contains("  attributes: MapFilter\n"), sdl)
    }

    func testReadOnlyModelsHaveNoMutationsAndAllReadOnlyMeansNoMutationType() throws {
        let notes = ModelSchema("notes", fields: ["id": "uuid", "body": "text"], key: ["id"])
        let readOnly = try SchemaGenerator.sdl(for: [ModelDescription(Fixtures.products, allowsMutations: false),
                                                     ModelDescription(notes)])
        XCTAssertTrue(readOnly.contains("  createNotes(input: NotesCreateInput!"), readOnly)
        for name in ["createProducts", "updateProducts", "deleteProducts", "ProductsMutationResult", "ProductsCreateInput",
                     "ProductsUpdateInput"] {
            XCTAssertFalse(readOnly.contains(name), name)
        }
        XCTAssertTrue(readOnly.contains("  productsList(where: ProductsFilter"), readOnly)
        XCTAssertEqual(printSchema(schema: try buildSchema(source: readOnly)), readOnly)

        let noWrites = try SchemaGenerator.sdl(for: [ModelDescription(notes, allowsMutations: false)])
        XCTAssertFalse(noWrites.contains("type Mutation"), noWrites)
        XCTAssertEqual(printSchema(schema: try buildSchema(source: noWrites)), noWrites)
    }

    func testCounterTablesHaveOnlyReadsAndDelete() throws {
        let counters = ModelSchema("page_views", fields: ["page": "text", "views": "counter"], key: ["page"])
        let sdl = try SchemaGenerator.sdl(for: [ModelDescription(counters)])
        XCTAssertTrue(sdl.contains("type Mutation {\n  \"\"\"Deletes the row of page_views with this primary key.\"\"\"\n"
            + "  deletePageViews(page: String!, ifExists: Boolean = false): PageViewsMutationResult\n}"), sdl)
        XCTAssertFalse(sdl.contains("PageViewsCreateInput"), sdl)
        XCTAssertTrue(sdl.contains("  views: BigInt\n"), sdl)
    }

    func testClashingOrReservedNamesAreRefused() throws {
        let snake = ModelSchema("order_items", fields: ["id": "int"], key: ["id"])
        let camel = ModelSchema("OrderItems", fields: ["id": "int"], key: ["id"])
        XCTAssertEqual(code { try SchemaGenerator.sdl(for: [ModelDescription(snake), ModelDescription(camel)]) }, .invalidSchema)
        XCTAssertNoThrow(try SchemaGenerator.sdl(for: [ModelDescription(snake), ModelDescription(camel, typeName: "LegacyItems")]))
        let reserved = ModelSchema("json", fields: ["id": "int"], key: ["id"])
        XCTAssertEqual(code { try SchemaGenerator.sdl(for: [ModelDescription(reserved, typeName: "JSON")]) }, .invalidSchema)
        XCTAssertEqual(code { try SchemaGenerator.sdl(for: []) }, .invalidSchema)
        XCTAssertEqual(code { try SchemaGenerator.sdl(for: [ModelDescription(snake), ModelDescription(snake, typeName: "Other")]) },
                       .invalidSchema)
    }

    private func code(_ body: () throws -> Any) -> GraphQLServiceError.Code? {
        do {
            _ = try body()
            return nil
        } catch let error as GraphQLServiceError {
            return error.code
        } catch {
            return nil
        }
    }

    private static let notesSDL = #"""
        type Query {
          """Reads the row of notes with this primary key; null when there is none."""
          notes(id: UUID!): Notes

          """
          Lists rows of notes: one page of at most pageSize rows (the server's page size when absent) and the cursor of the next one. allowFiltering permits filters Cassandra can only apply by scanning.
          """
          notesList(where: NotesFilter, limit: Int, allowFiltering: Boolean = false, pageSize: Int, cursor: String): NotesPage
        }

        type Mutation {
          """
          Inserts (or overwrites) a row of notes; with ifNotExists, only when it does not exist.
          """
          createNotes(input: NotesCreateInput!, ifNotExists: Boolean = false, ttl: Int): NotesMutationResult

          """
          Sets columns of the row of notes with this primary key; null clears a column.
          """
          updateNotes(id: UUID!, set: NotesUpdateInput!, ifExists: Boolean = false, ttl: Int): NotesMutationResult

          """Deletes the row of notes with this primary key."""
          deleteNotes(id: UUID!, ifExists: Boolean = false): NotesMutationResult
        }

        """A row of the table notes."""
        type Notes {
          id: UUID!
          body: String
          tags: [String!]
        }

        """One page of Notes rows; cursor is null after the last page."""
        type NotesPage {
          items: [Notes!]!
          cursor: String
        }

        """
        The outcome of a mutation: applied is false when its condition failed; record is the row read back by its primary key afterwards.
        """
        type NotesMutationResult {
          applied: Boolean!
          record: Notes
        }

        """Restrictions on notes, combined with AND."""
        input NotesFilter {
          id: UUIDFilter
          body: StringFilter
          tags: StringCollectionFilter
        }

        """The columns of a new Notes row."""
        input NotesCreateInput {
          id: UUID!
          body: String
          tags: [String!]
        }

        """The columns to set on a Notes row; absent ones are left alone."""
        input NotesUpdateInput {
          body: String
          tags: [String!]
        }

        """Restrictions on a list or set of String."""
        input StringCollectionFilter {
          contains: String
        }

        """Comparisons of String values."""
        input StringFilter {
          eq: String
          ne: String
          gt: String
          gte: String
          lt: String
          lte: String
          in: [String!]
          like: String
        }

        """Comparisons of UUID values."""
        input UUIDFilter {
          eq: UUID
          ne: UUID
          gt: UUID
          gte: UUID
          lt: UUID
          lte: UUID
          in: [UUID!]
        }

        """
        An integer as a string of decimal digits; integer literals are accepted too (bigint, counter, varint, time in nanoseconds).
        """
        scalar BigInt

        """Bytes in standard base64 (blob)."""
        scalar Blob

        """A calendar date, YYYY-MM-DD (date)."""
        scalar Date

        """An ISO 8601 date-time; output in UTC with milliseconds (timestamp)."""
        scalar DateTime

        """
        An exact decimal number as a string; numeric literals are accepted too (decimal).
        """
        scalar Decimal

        """
        Any JSON value: maps and user-defined types are objects, tuples are arrays; inside it, timestamps are written as epoch milliseconds and read as ISO 8601.
        """
        scalar JSON

        """A UUID in its 36-character form (uuid, timeuuid)."""
        scalar UUID
        """#
}
