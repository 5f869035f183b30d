"""Every CQL type round-trips through a real table, as values and as bound parameters."""
import datetime
import decimal
import ipaddress
import uuid

from cassandra.util import Date, Duration, Time, OrderedMapSerializedKey, SortedSet


def test_scalar_types_round_trip(session):
    session.execute("""
        CREATE TABLE scalars (
            id int PRIMARY KEY, a ascii, b bigint, bl blob, bo boolean, de decimal, do double, f float,
            i inet, si smallint, ti tinyint, t text, ts timestamp, d date, tm time, u uuid, tu timeuuid,
            vi varint, du duration)""")
    values = dict(
        id=1, a="ascii", b=-(2 ** 63), bl=b"\x00\xff\x10", bo=True, de=decimal.Decimal("-12345678901234567890.000123"),
        do=1.5e300, f=2.5, i="2001:db8::1", si=-32768, ti=127, t="héllo ✓", ts=datetime.datetime(2024, 2, 29, 12, 30, 45, 123000),
        d=Date(datetime.date(1969, 7, 20)), tm=Time(datetime.time(23, 59, 59, 999999)), u=uuid.uuid4(),
        tu=uuid.uuid1(), vi=123456789012345678901234567890, du=Duration(1, 2, 3000000000))
    columns = ", ".join(values)
    markers = ", ".join(["?"] * len(values))
    # Prepared: the driver's simple-statement encoder turns Decimal into a lossy float literal.
    session.execute(session.prepare("INSERT INTO scalars (%s) VALUES (%s)" % (columns, markers)), list(values.values()))
    row = session.execute("SELECT * FROM scalars WHERE id = 1").one()
    assert row.a == "ascii" and row.b == -(2 ** 63) and row.bl == b"\x00\xff\x10" and row.bo is True
    assert row.de == values["de"] and row.do == 1.5e300 and row.f == 2.5
    assert ipaddress.ip_address(row.i) == ipaddress.ip_address("2001:db8::1")
    assert row.si == -32768 and row.ti == 127 and row.t == "héllo ✓"
    assert row.ts == values["ts"]
    assert row.d == values["d"] and row.tm == values["tm"]
    assert row.u == values["u"] and row.tu == values["tu"] and row.vi == values["vi"]
    assert row.du == values["du"]


def test_prepared_binding_of_every_scalar_type(session):
    session.execute("CREATE TABLE p (id int PRIMARY KEY, b bigint, de decimal, vi varint, u uuid, ts timestamp, bo boolean)")
    insert = session.prepare("INSERT INTO p (id, b, de, vi, u, ts, bo) VALUES (?, ?, ?, ?, ?, ?, ?)")
    identifier = uuid.uuid4()
    stamp = datetime.datetime(2001, 1, 1, 0, 0, 0, 1000)
    session.execute(insert, (7, 42, decimal.Decimal("3.14"), -1, identifier, stamp, False))
    row = session.execute(session.prepare("SELECT * FROM p WHERE id = ?"), (7,)).one()
    assert (row.b, row.de, row.vi, row.u, row.ts, row.bo) == (42, decimal.Decimal("3.14"), -1, identifier, stamp, False)


def test_nulls_and_unset_values_are_distinct(session):
    session.execute("CREATE TABLE n (id int PRIMARY KEY, a text, b text)")
    session.execute("INSERT INTO n (id, a, b) VALUES (1, 'x', 'y')")
    from cassandra.query import UNSET_VALUE
    update = session.prepare("UPDATE n SET a = ?, b = ? WHERE id = ?")
    session.execute(update, (None, UNSET_VALUE, 1))
    row = session.execute("SELECT a, b FROM n WHERE id = 1").one()
    assert row.a is None and row.b == "y"


def test_collections_round_trip(session):
    session.execute("CREATE TABLE c (id int PRIMARY KEY, l list<int>, s set<text>, m map<text, int>, fl frozen<list<int>>, t tuple<int, text, boolean>)")
    session.execute("INSERT INTO c (id, l, s, m, fl) VALUES (%s, %s, %s, %s, %s)",
                    (1, [3, 1, 2], {"b", "a"}, {"z": 1, "a": 2}, [9, 8]))
    # Python tuples are IN lists in simple statements; tuples bind through prepared statements.
    session.execute(session.prepare("UPDATE c SET t = ? WHERE id = ?"), ((1, "x", None), 1))
    session.execute("INSERT INTO c (id, t) VALUES (2, (7, 'literal', true))")
    assert session.execute("SELECT t FROM c WHERE id = 2").one().t == (7, "literal", True)
    row = session.execute("SELECT * FROM c WHERE id = 1").one()
    assert row.l == [3, 1, 2]
    assert list(row.s) == ["a", "b"]
    assert list(row.m.items()) == [("a", 2), ("z", 1)]
    assert row.fl == [9, 8]
    assert row.t == (1, "x", None)


def test_user_defined_types_round_trip(session, cluster):
    session.execute("CREATE TYPE address (street text, zip int)")
    session.execute("CREATE TABLE people (id int PRIMARY KEY, home frozen<address>, others list<frozen<address>>)")
    session.execute("INSERT INTO people (id, home, others) VALUES (1, {street: 'Main', zip: 12345}, [{street: 'Side', zip: 1}])")
    row = session.execute("SELECT home, others FROM people WHERE id = 1").one()
    assert row.home.street == "Main" and row.home.zip == 12345
    assert row.others[0].street == "Side"
