"""Prints benchmark JSON lines (from every driver) as one Markdown table."""
import json
import sys

rows = [json.loads(line) for line in sys.stdin if line.startswith("{")]
order = {"swift": 0, "swift-loop": 1, "gocql": 2, "python": 3}
rows.sort(key=lambda row: (row["workload"], row["concurrency"], order.get(row["driver"], 9)))
print("| workload | in flight | driver | ops/s | p50 µs | p99 µs | p99.9 µs | client CPU µs/op | errors |")
print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for row in rows:
    print("| %s | %d | %s | %.0f | %.0f | %.0f | %.0f | %.1f | %d |" % (
        row["workload"], row["concurrency"], row["driver"], row["ops_per_sec"], row["p50_us"], row["p99_us"],
        row["p999_us"], row["cpu_us_per_op"], row["errors"]))
