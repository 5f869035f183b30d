"""Materialized views through the DataStax driver: DDL, reads, schema metadata and events."""
from cassandra import InvalidRequest


def _create_base_and_view(session):
    session.execute("CREATE TABLE users (id int PRIMARY KEY, email text, name text)")
    session.execute("""
        CREATE MATERIALIZED VIEW users_by_email AS
          SELECT id, email, name FROM users
          WHERE email IS NOT NULL AND id IS NOT NULL
          PRIMARY KEY (email, id) WITH comment = 'lookup by email'""")


def test_view_follows_writes_to_its_base(session):
    _create_base_and_view(session)
    insert = session.prepare("INSERT INTO users (id, email, name) VALUES (?, ?, ?)")
    for user_id, email in [(1, "a@x"), (2, "b@x"), (3, None)]:
        session.execute(insert, (user_id, email, "user%d" % user_id))
    by_email = session.prepare("SELECT id, name FROM users_by_email WHERE email = ?")
    assert [(row.id, row.name) for row in session.execute(by_email, ("a@x",))] == [(1, "user1")]
    assert sorted(row.email for row in session.execute("SELECT email FROM users_by_email")) == ["a@x", "b@x"]

    session.execute("UPDATE users SET email = 'c@x' WHERE id = 1")
    assert list(session.execute(by_email, ("a@x",))) == []
    assert [row.id for row in session.execute(by_email, ("c@x",))] == [1]
    session.execute("DELETE FROM users WHERE id = 2")
    assert sorted(row.email for row in session.execute("SELECT email FROM users_by_email")) == ["c@x"]

    try:
        session.execute("INSERT INTO users_by_email (email, id) VALUES ('d@x', 4)")
        raise AssertionError("a write to a view was accepted")
    except InvalidRequest as error:
        assert "Cannot directly modify a materialized view" in str(error)


def test_driver_metadata_sees_the_view(session, cluster):
    keyspace = session.keyspace
    _create_base_and_view(session)
    cluster.refresh_schema_metadata()
    keyspace_metadata = cluster.metadata.keyspaces[keyspace]
    view = keyspace_metadata.views["users_by_email"]
    assert view.base_table_name == "users"
    assert not view.include_all_columns
    assert view.where_clause == "email IS NOT NULL AND id IS NOT NULL"
    assert [column.name for column in view.partition_key] == ["email"]
    assert [column.name for column in view.clustering_key] == ["id"]
    assert set(view.columns) == {"email", "id", "name"}
    assert view.options["comment"] == "lookup by email"
    assert "users_by_email" in keyspace_metadata.tables["users"].views
    assert "users_by_email" not in keyspace_metadata.tables
    export = view.export_as_string()
    assert "CREATE MATERIALIZED VIEW %s.users_by_email AS" % keyspace in export
    assert "PRIMARY KEY (email, id)" in export


def test_view_schema_changes_reach_the_driver_through_events(session, cluster):
    keyspace = session.keyspace
    session.execute("CREATE TABLE items (id int PRIMARY KEY, kind text)")
    session.execute("CREATE MATERIALIZED VIEW items_by_kind AS SELECT * FROM items "
                    "WHERE kind IS NOT NULL AND id IS NOT NULL PRIMARY KEY (kind, id)")
    keyspace_metadata = cluster.metadata.keyspaces[keyspace]
    assert keyspace_metadata.views["items_by_kind"].include_all_columns
    assert "items_by_kind" in keyspace_metadata.tables["items"].views
    session.execute("ALTER MATERIALIZED VIEW items_by_kind WITH comment = 'altered'")
    assert cluster.metadata.keyspaces[keyspace].views["items_by_kind"].options["comment"] == "altered"
    try:
        session.execute("DROP TABLE items")
        raise AssertionError("a base table with views was dropped")
    except InvalidRequest as error:
        assert "materialized views still depend on it" in str(error)
    session.execute("DROP MATERIALIZED VIEW items_by_kind")
    keyspace_metadata = cluster.metadata.keyspaces[keyspace]
    assert "items_by_kind" not in keyspace_metadata.views
    assert "items_by_kind" not in keyspace_metadata.tables["items"].views
