"""Prepared statements, paging, batches, LWT, TTL and collection updates."""
import time

from cassandra import ConsistencyLevel
from cassandra.query import BatchStatement, BatchType, SimpleStatement


def test_prepared_statement_metadata_and_routing(session):
    session.execute("CREATE TABLE kv (a int, b text, c int, v text, PRIMARY KEY ((a, b), c))")
    insert = session.prepare("INSERT INTO kv (a, b, c, v) VALUES (?, ?, ?, ?)")
    assert [column.name for column in insert.column_metadata] == ["a", "b", "c", "v"]
    assert insert.routing_key_indexes == [0, 1]
    session.execute(insert, (1, "x", 2, "value"))
    select = session.prepare("SELECT v FROM kv WHERE a = ? AND b = ? AND c = ?")
    assert session.execute(select, (1, "x", 2)).one().v == "value"


def test_paging_across_many_pages(session):
    session.execute("CREATE TABLE pages (p int, c int, v int, PRIMARY KEY (p, c))")
    insert = session.prepare("INSERT INTO pages (p, c, v) VALUES (?, ?, ?)")
    for p in range(5):
        for c in range(100):
            session.execute(insert, (p, c, p * 1000 + c))
    statement = SimpleStatement("SELECT p, c, v FROM pages", fetch_size=37)
    result = session.execute(statement)
    first_page = list(result.current_rows)
    assert len(first_page) == 37 and result.has_more_pages
    rows = list(session.execute(statement))
    assert len(rows) == 500
    assert len({(row.p, row.c) for row in rows}) == 500
    within = [row.c for row in session.execute(SimpleStatement("SELECT c FROM pages WHERE p = 3", fetch_size=10))]
    assert within == list(range(100))


def test_manual_paging_state_resumes(session):
    session.execute("CREATE TABLE manual (p int, c int, PRIMARY KEY (p, c))")
    for c in range(25):
        session.execute("INSERT INTO manual (p, c) VALUES (1, %s)", (c,))
    statement = SimpleStatement("SELECT c FROM manual WHERE p = 1", fetch_size=10)
    first = session.execute(statement)
    page_state = first.paging_state
    second = session.execute(statement, paging_state=page_state)
    assert [row.c for row in second.current_rows] == list(range(10, 20))


def test_logged_and_unlogged_batches(session):
    session.execute("CREATE TABLE b (id int PRIMARY KEY, v text)")
    insert = session.prepare("INSERT INTO b (id, v) VALUES (?, ?)")
    batch = BatchStatement(batch_type=BatchType.LOGGED)
    for identifier in range(10):
        batch.add(insert, (identifier, "v%d" % identifier))
    batch.add("UPDATE b SET v = 'updated' WHERE id = 42")
    session.execute(batch)
    assert session.execute("SELECT count(*) FROM b").one().count == 11
    assert session.execute("SELECT v FROM b WHERE id = 42").one().v == "updated"
    # Statements of one batch share its timestamp: on a tie the greater value wins, as in Cassandra.
    tie = BatchStatement(batch_type=BatchType.LOGGED)
    tie.add(insert, (3, "a-first"))
    tie.add("UPDATE b SET v = 'b-second' WHERE id = 3")
    session.execute(tie)
    assert session.execute("SELECT v FROM b WHERE id = 3").one().v == "b-second"
    unlogged = BatchStatement(batch_type=BatchType.UNLOGGED)
    unlogged.add(insert, (100, "u"))
    session.execute(unlogged)
    assert session.execute("SELECT v FROM b WHERE id = 100").one().v == "u"


def test_counter_batch_and_updates(session):
    session.execute("CREATE TABLE counts (id int PRIMARY KEY, hits counter)")
    session.execute("UPDATE counts SET hits = hits + 5 WHERE id = 1")
    batch = BatchStatement(batch_type=BatchType.COUNTER)
    batch.add("UPDATE counts SET hits = hits + 2 WHERE id = 1")
    batch.add("UPDATE counts SET hits = hits - 1 WHERE id = 1")
    session.execute(batch)
    assert session.execute("SELECT hits FROM counts WHERE id = 1").one().hits == 6


def test_lightweight_transactions(session):
    session.execute("CREATE TABLE users (name text PRIMARY KEY, email text, version int)")
    first = session.execute("INSERT INTO users (name, email, version) VALUES ('ann', 'a@x', 1) IF NOT EXISTS")
    assert first.was_applied
    second = session.execute("INSERT INTO users (name, email, version) VALUES ('ann', 'other', 1) IF NOT EXISTS")
    assert not second.was_applied
    assert second.one().email == "a@x"
    stale = session.execute("UPDATE users SET email = 'b@x', version = 2 WHERE name = 'ann' IF version = 5")
    assert not stale.was_applied and stale.one().version == 1
    fresh = session.execute("UPDATE users SET email = 'b@x', version = 2 WHERE name = 'ann' IF version = 1")
    assert fresh.was_applied
    gone = session.execute("DELETE FROM users WHERE name = 'bob' IF EXISTS")
    assert not gone.was_applied
    serial = SimpleStatement("SELECT email FROM users WHERE name = 'ann'", consistency_level=ConsistencyLevel.SERIAL)
    assert session.execute(serial).one().email == "b@x"


def test_ttl_expiry_and_writetime(session):
    session.execute("CREATE TABLE t (id int PRIMARY KEY, v text)")
    session.execute("INSERT INTO t (id, v) VALUES (1, 'short') USING TTL 1")
    session.execute("INSERT INTO t (id, v) VALUES (2, 'stamped') USING TIMESTAMP 1234567")
    row = session.execute("SELECT ttl(v), writetime(v) FROM t WHERE id = 2").one()
    assert row[0] is None and row[1] == 1234567
    assert session.execute("SELECT ttl(v) FROM t WHERE id = 1").one()[0] in (0, 1)
    time.sleep(2.1)
    assert session.execute("SELECT v FROM t WHERE id = 1").one() is None


def test_collection_element_updates(session):
    session.execute("CREATE TABLE col (id int PRIMARY KEY, l list<text>, s set<int>, m map<text, text>)")
    session.execute("INSERT INTO col (id, l, s, m) VALUES (1, ['b'], {1, 2}, {'k': 'v'})")
    session.execute("UPDATE col SET l = l + ['c'], s = s + {3}, m['n'] = 'w' WHERE id = 1")
    session.execute("UPDATE col SET l = ['a'] + l, s = s - {1} WHERE id = 1")
    session.execute("DELETE m['k'] FROM col WHERE id = 1")
    row = session.execute("SELECT l, s, m FROM col WHERE id = 1").one()
    assert row.l == ["a", "b", "c"]
    assert set(row.s) == {2, 3}
    assert dict(row.m) == {"n": "w"}


def test_clustering_order_ranges_and_limits(session):
    session.execute("CREATE TABLE events (k int, t int, v text, PRIMARY KEY (k, t)) WITH CLUSTERING ORDER BY (t DESC)")
    for t in range(10):
        session.execute("INSERT INTO events (k, t, v) VALUES (1, %s, %s)", (t, str(t)))
    assert [row.t for row in session.execute("SELECT t FROM events WHERE k = 1 LIMIT 3")] == [9, 8, 7]
    assert [row.t for row in session.execute("SELECT t FROM events WHERE k = 1 AND t >= 3 AND t < 6")] == [5, 4, 3]
    assert [row.t for row in session.execute("SELECT t FROM events WHERE k = 1 ORDER BY t ASC LIMIT 2")] == [0, 1]
    session.execute("DELETE FROM events WHERE k = 1 AND t > 6")
    assert session.execute("SELECT count(*) FROM events WHERE k = 1").one()[0] == 7
