"""Bad input surfaces as the driver's own exception classes; nothing hangs."""
import pytest
from cassandra import AlreadyExists, InvalidRequest
from cassandra.protocol import SyntaxException


def test_syntax_error(session):
    with pytest.raises(SyntaxException):
        session.execute("SELEC * FROM nowhere")


def test_unknown_table_is_invalid_request(session):
    with pytest.raises(InvalidRequest) as raised:
        session.execute("SELECT * FROM missing_table")
    assert "missing_table" in str(raised.value)


def test_already_exists(session):
    session.execute("CREATE TABLE dup (id int PRIMARY KEY)")
    with pytest.raises(AlreadyExists):
        session.execute("CREATE TABLE dup (id int PRIMARY KEY)")


def test_filtering_without_allow_filtering_is_rejected(session):
    session.execute("CREATE TABLE f (id int PRIMARY KEY, v int)")
    with pytest.raises(InvalidRequest) as raised:
        session.execute("SELECT * FROM f WHERE v = 1")
    assert "ALLOW FILTERING" in str(raised.value)
    session.execute("SELECT * FROM f WHERE v = 1 ALLOW FILTERING")


def test_missing_partition_key_in_insert(session):
    session.execute("CREATE TABLE k (id int PRIMARY KEY, v int)")
    with pytest.raises(InvalidRequest):
        session.execute("INSERT INTO k (v) VALUES (1)")


def test_wrong_value_type(session):
    session.execute("CREATE TABLE w (id int PRIMARY KEY, v int)")
    with pytest.raises(InvalidRequest):
        session.execute("INSERT INTO w (id, v) VALUES (1, 'text')")


def test_injection_attempt_is_stored_verbatim(session):
    session.execute("CREATE TABLE inj (id int PRIMARY KEY, v text)")
    payload = "x'); DROP TABLE inj; --"
    session.execute("INSERT INTO inj (id, v) VALUES (%s, %s)", (1, payload))
    assert session.execute("SELECT v FROM inj WHERE id = 1").one().v == payload
