"""Connecting with and without lz4 and with PasswordAuthenticator."""
import pytest
from cassandra.auth import PlainTextAuthProvider
from cassandra.cluster import NoHostAvailable

from conftest import AUTH_PASSWORD, AUTH_USER, make_cluster


def test_connects_without_compression_and_reads_system_local(server_address):
    cluster = make_cluster(server_address, compression=False)
    try:
        session = cluster.connect()
        row = session.execute("SELECT cluster_name, release_version, partitioner FROM system.local").one()
        assert row.partitioner == "org.apache.cassandra.dht.Murmur3Partitioner"
        assert row.release_version.startswith("4.") or row.release_version.startswith("5.")
        assert cluster.protocol_version == 4
    finally:
        cluster.shutdown()


def test_connects_with_lz4_and_moves_large_values(server_address):
    pytest.importorskip("lz4")
    cluster = make_cluster(server_address, compression="lz4")
    try:
        session = cluster.connect()
        session.execute("CREATE KEYSPACE IF NOT EXISTS py_lz4 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
        session.execute("CREATE TABLE IF NOT EXISTS py_lz4.blobs (id int PRIMARY KEY, body text)")
        body = "compressible " * 20000
        session.execute("INSERT INTO py_lz4.blobs (id, body) VALUES (%s, %s)", (1, body))
        assert session.execute("SELECT body FROM py_lz4.blobs WHERE id = 1").one().body == body
        connection = next(iter(cluster.metadata.all_hosts())).endpoint
        assert connection is not None
        assert any(pool._connection.compressor is not None
                   for pool in session.get_pools() if getattr(pool, "_connection", None) is not None)
        session.execute("DROP KEYSPACE py_lz4")
    finally:
        cluster.shutdown()


def test_password_authenticator_accepts_valid_credentials(auth_server_address):
    cluster = make_cluster(auth_server_address, auth_provider=PlainTextAuthProvider(AUTH_USER, AUTH_PASSWORD))
    try:
        session = cluster.connect()
        assert session.execute("SELECT key FROM system.local").one().key == "local"
    finally:
        cluster.shutdown()


def test_password_authenticator_rejects_bad_credentials(auth_server_address):
    cluster = make_cluster(auth_server_address, auth_provider=PlainTextAuthProvider(AUTH_USER, "wrong"))
    try:
        with pytest.raises(NoHostAvailable) as raised:
            cluster.connect()
        assert "AuthenticationFailed" in repr(raised.value.errors) or "Bad credentials" in repr(raised.value.errors) \
            or "Provided username" in repr(raised.value.errors)
    finally:
        cluster.shutdown()
