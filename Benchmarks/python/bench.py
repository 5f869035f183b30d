"""DataStax Python driver reference benchmark: the same workloads as cql-bench.

Each workload keeps `concurrency` requests in flight with execute_async (the mechanism
execute_concurrent_with_args uses internally) so per-request latency can be recorded, and
prints one JSON line per workload and concurrency with throughput, latency percentiles
and this process's CPU time per operation (getrusage).
"""
import argparse
import json
import resource
import threading
import time

from cassandra.cluster import Cluster
from cassandra.policies import RoundRobinPolicy


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def percentile(sorted_values, fraction):
    if not sorted_values:
        return 0.0
    return sorted_values[int((len(sorted_values) - 1) * fraction)] * 1e6


def run(session, statement, make_args, ops, concurrency):
    latencies = []
    errors = [0]
    lock = threading.Lock()
    done = threading.Event()
    state = {"next": 0, "finished": 0}

    def start_one():
        with lock:
            index = state["next"]
            if index >= ops:
                return
            state["next"] += 1
        began = time.perf_counter()
        future = session.execute_async(statement, make_args(index))
        future.add_callbacks(lambda _: finish(began), lambda _: finish(began, failed=True))

    def finish(began, failed=False):
        elapsed = time.perf_counter() - began
        with lock:
            latencies.append(elapsed)
            if failed:
                errors[0] += 1
            state["finished"] += 1
            complete = state["finished"] >= ops
        if complete:
            done.set()
        else:
            start_one()

    cpu_before = cpu_seconds()
    wall_before = time.perf_counter()
    for _ in range(min(concurrency, ops)):
        start_one()
    done.wait()
    wall = time.perf_counter() - wall_before
    cpu = cpu_seconds() - cpu_before
    latencies.sort()
    return {
        "ops": ops, "errors": errors[0], "ops_per_sec": ops / wall,
        "p50_us": percentile(latencies, 0.50), "p99_us": percentile(latencies, 0.99), "p999_us": percentile(latencies, 0.999),
        "cpu_us_per_op": cpu / ops * 1e6,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9042)
    parser.add_argument("--keyspace", default="cqlbench")
    parser.add_argument("--concurrency", default="1,16,256,1024")
    parser.add_argument("--workloads", default="insert,select")
    parser.add_argument("--ops", type=int, default=5000)
    options = parser.parse_args()

    cluster = Cluster([options.host], port=options.port, protocol_version=4, load_balancing_policy=RoundRobinPolicy())
    session = cluster.connect()
    session.execute("CREATE KEYSPACE IF NOT EXISTS %s WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}" % options.keyspace)
    session.execute("CREATE TABLE IF NOT EXISTS %s.bench_kv (id int PRIMARY KEY, value text)" % options.keyspace)
    insert = session.prepare("INSERT INTO %s.bench_kv (id, value) VALUES (?, ?)" % options.keyspace)
    select = session.prepare("SELECT id, value FROM %s.bench_kv WHERE id = ?" % options.keyspace)
    for workload in options.workloads.split(","):
        for concurrency in (int(text) for text in options.concurrency.split(",")):
            if workload == "insert":
                result = run(session, insert, lambda i: (i % 10000, "value-%d" % (i % 10000)), options.ops, concurrency)
            else:
                result = run(session, select, lambda i: (i % 10000,), options.ops, concurrency)
            result.update(driver="python", workload=workload, concurrency=concurrency)
            print(json.dumps(result), flush=True)
    cluster.shutdown()


if __name__ == "__main__":
    main()
