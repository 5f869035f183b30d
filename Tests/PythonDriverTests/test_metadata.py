"""The driver's schema introspection reads system_schema the way it does on Cassandra."""


def test_driver_metadata_sees_tables_columns_types_and_indexes(session, cluster):
    keyspace = session.keyspace
    session.execute("CREATE TYPE point (x double, y double)")
    session.execute("""
        CREATE TABLE shapes (owner text, created timeuuid, label text static, corners list<frozen<point>>, tags set<text>,
                             PRIMARY KEY ((owner), created)) WITH CLUSTERING ORDER BY (created DESC)""")
    session.execute("CREATE INDEX shapes_tags ON shapes (tags)")
    cluster.refresh_schema_metadata()
    keyspace_metadata = cluster.metadata.keyspaces[keyspace]
    table = keyspace_metadata.tables["shapes"]
    assert [column.name for column in table.partition_key] == ["owner"]
    assert [column.name for column in table.clustering_key] == ["created"]
    assert table.columns["label"].is_static
    assert table.columns["corners"].cql_type == "list<frozen<point>>"
    assert table.clustering_key[0].is_reversed
    assert "shapes_tags" in table.indexes
    assert "point" in keyspace_metadata.user_types
    assert keyspace_metadata.replication_strategy.replication_factor == 1
    export = table.export_as_string()
    assert "CLUSTERING ORDER BY (created DESC)" in export


def test_schema_changes_reach_the_driver_through_events(session, cluster):
    keyspace = session.keyspace
    session.execute("CREATE TABLE later (id int PRIMARY KEY)")
    assert "later" in cluster.metadata.keyspaces[keyspace].tables
    session.execute("ALTER TABLE later ADD note text")
    assert "note" in cluster.metadata.keyspaces[keyspace].tables["later"].columns
    session.execute("DROP TABLE later")
    assert "later" not in cluster.metadata.keyspaces[keyspace].tables
