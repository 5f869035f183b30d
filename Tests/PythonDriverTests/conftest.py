"""Runs the DataStax Python driver against the embedded `cql-server`.

The fixtures start `cql-server` on free loopback ports (one plain instance and one
with PasswordAuthenticator) unless CQL_SERVER_ADDRESS=host:port names a running server,
in which case auth tests use CQL_SERVER_AUTH_ADDRESS when given and are skipped otherwise.
The binary is CQL_SERVER_BINARY, or .build/debug/cql-server under the repository root.
"""
import os
import socket
import subprocess
import time
import uuid

import pytest
from cassandra.cluster import Cluster
from cassandra.auth import PlainTextAuthProvider

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
AUTH_USER, AUTH_PASSWORD = "tester", "s3cret"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port, process, timeout=20.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError("cql-server exited with %s" % process.returncode)
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("cql-server did not listen on %d" % port)


def _start_server(extra_args=()):
    binary = os.environ.get("CQL_SERVER_BINARY", os.path.join(ROOT, ".build", "debug", "cql-server"))
    port = _free_port()
    process = subprocess.Popen([binary, "--host", "127.0.0.1", "--port", str(port), *extra_args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _wait_for_port(port, process)
    return process, port


def _parse(address):
    host, _, port = address.rpartition(":")
    return host, int(port)


@pytest.fixture(scope="session")
def server_address():
    if os.environ.get("CQL_SERVER_ADDRESS"):
        yield _parse(os.environ["CQL_SERVER_ADDRESS"])
        return
    process, port = _start_server()
    yield ("127.0.0.1", port)
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def auth_server_address():
    if os.environ.get("CQL_SERVER_ADDRESS"):
        if not os.environ.get("CQL_SERVER_AUTH_ADDRESS"):
            pytest.skip("CQL_SERVER_AUTH_ADDRESS not set for an external server")
        yield _parse(os.environ["CQL_SERVER_AUTH_ADDRESS"])
        return
    process, port = _start_server(["--auth", "%s:%s" % (AUTH_USER, AUTH_PASSWORD)])
    yield ("127.0.0.1", port)
    process.terminate()
    process.wait(timeout=10)


def make_cluster(address, **options):
    host, port = address
    return Cluster([host], port=port, **options)


@pytest.fixture(scope="session")
def cluster(server_address):
    cluster = make_cluster(server_address)
    yield cluster
    cluster.shutdown()


@pytest.fixture()
def session(cluster):
    """A session using a fresh keyspace, dropped afterwards."""
    keyspace = "py_" + uuid.uuid4().hex[:16]
    session = cluster.connect()
    session.execute("CREATE KEYSPACE %s WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}" % keyspace)
    session.set_keyspace(keyspace)
    yield session
    session.execute("DROP KEYSPACE IF EXISTS %s" % keyspace)
    session.shutdown()
