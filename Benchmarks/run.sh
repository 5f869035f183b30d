#!/usr/bin/env bash
# Runs every driver's benchmark against one server in one run and prints one table.
#
#   Benchmarks/run.sh            # starts a release-built cql-server on a free port
#   CASSANDRA_CONTACT_POINTS=127.0.0.1:9042 Benchmarks/run.sh   # uses that server instead
#
# OPS (default 20000 per workload and concurrency) and CONCURRENCY (default 1,16,256,1024)
# tune the run. Needs golang-go + golang-github-gocql-gocql-dev and pip cassandra-driver.
set -euo pipefail
cd "$(dirname "$0")/.."
OPS="${OPS:-20000}"
CONCURRENCY="${CONCURRENCY:-1,16,256,1024}"
results="$(mktemp)"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true; rm -f "$results"; }
trap cleanup EXIT

if [ -n "${CASSANDRA_CONTACT_POINTS:-}" ]; then
    target="${CASSANDRA_CONTACT_POINTS%%,*}"
    host="${target%:*}"; port="${target##*:}"
    [ "$host" = "$target" ] && port=9042
else
    swift build -c release --product cql-server >&2
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    host=127.0.0.1
    .build/release/cql-server --host "$host" --port "$port" >&2 &
    server_pid=$!
    for _ in $(seq 1 100); do (echo > "/dev/tcp/$host/$port") 2>/dev/null && break; sleep 0.1; done
fi
echo "server: $host:$port  ops per cell: $OPS  concurrency: $CONCURRENCY" >&2

if swift build -c release --product cql-bench >&2; then
    # Twice: tasks on Swift's global executor (`swift`), and tasks preferring the session's
    # event-loop executor (`swift-loop`, see Session.taskExecutor).
    .build/release/cql-bench --host "$host" --port "$port" --ops "$OPS" --concurrency "$CONCURRENCY" >> "$results"
    .build/release/cql-bench --host "$host" --port "$port" --ops "$OPS" --concurrency "$CONCURRENCY" --executor loop >> "$results"
fi
(cd Benchmarks/gocql && GOPATH=/usr/share/gocode GO111MODULE=off go build -o /tmp/gocql-bench . >&2)
/tmp/gocql-bench -hosts "$host" -port "$port" -ops "$OPS" -concurrency "$CONCURRENCY" >> "$results"
python3 Benchmarks/python/bench.py --host "$host" --port "$port" --ops "$(( OPS / 4 ))" --concurrency "$CONCURRENCY" >> "$results"
python3 Benchmarks/table.py < "$results"
