// gocql reference benchmark: the same workloads as cql-bench, written for gocql.
//
// Build offline against Debian's golang-github-gocql-gocql-dev:
//
//	GOPATH=/usr/share/gocode GO111MODULE=off go build -o gocql-bench .
//
// Each workload runs `-ops` operations with `-concurrency` goroutines, one request in
// flight per goroutine, and prints one JSON line with throughput, latency percentiles
// and client CPU time per operation (getrusage of this process).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/gocql/gocql"
)

type result struct {
	Driver      string  `json:"driver"`
	Workload    string  `json:"workload"`
	Concurrency int     `json:"concurrency"`
	Ops         int64   `json:"ops"`
	Errors      int64   `json:"errors"`
	OpsPerSec   float64 `json:"ops_per_sec"`
	P50Micros   float64 `json:"p50_us"`
	P99Micros   float64 `json:"p99_us"`
	P999Micros  float64 `json:"p999_us"`
	CPUMicros   float64 `json:"cpu_us_per_op"`
}

func cpuTime() time.Duration {
	var usage syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &usage)
	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
}

func percentile(sorted []time.Duration, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	index := int(float64(len(sorted)-1) * p)
	return float64(sorted[index].Nanoseconds()) / 1000
}

func run(session *gocql.Session, workload string, concurrency int, ops int64, keyspace string) result {
	var next int64 = -1
	var errors int64
	latencies := make([][]time.Duration, concurrency)
	var wait sync.WaitGroup
	insert := fmt.Sprintf("INSERT INTO %s.bench_kv (id, value) VALUES (?, ?)", keyspace)
	selectByKey := fmt.Sprintf("SELECT id, value FROM %s.bench_kv WHERE id = ?", keyspace)
	startCPU := cpuTime()
	start := time.Now()
	for worker := 0; worker < concurrency; worker++ {
		wait.Add(1)
		go func(worker int) {
			defer wait.Done()
			local := make([]time.Duration, 0, ops/int64(concurrency)+1)
			var id int
			var value string
			for {
				n := atomic.AddInt64(&next, 1)
				if n >= ops {
					break
				}
				key := int(n % 10000)
				began := time.Now()
				var err error
				if workload == "insert" {
					err = session.Query(insert, key, "value-"+strconv.Itoa(key)).Exec()
				} else {
					err = session.Query(selectByKey, key).Scan(&id, &value)
				}
				local = append(local, time.Since(began))
				if err != nil {
					atomic.AddInt64(&errors, 1)
				}
			}
			latencies[worker] = local
		}(worker)
	}
	wait.Wait()
	elapsed := time.Since(start)
	cpu := cpuTime() - startCPU
	var all []time.Duration
	for _, local := range latencies {
		all = append(all, local...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	return result{
		Driver: "gocql", Workload: workload, Concurrency: concurrency, Ops: ops, Errors: errors,
		OpsPerSec: float64(ops) / elapsed.Seconds(),
		P50Micros: percentile(all, 0.50), P99Micros: percentile(all, 0.99), P999Micros: percentile(all, 0.999),
		CPUMicros: float64(cpu.Nanoseconds()) / 1000 / float64(ops),
	}
}

func main() {
	hosts := flag.String("hosts", "127.0.0.1", "comma-separated contact points")
	port := flag.Int("port", 9042, "CQL port")
	keyspace := flag.String("keyspace", "cqlbench", "keyspace holding bench_kv")
	concurrencies := flag.String("concurrency", "1,16,256,1024", "comma-separated in-flight counts")
	workloads := flag.String("workloads", "insert,select", "comma-separated workloads")
	ops := flag.Int64("ops", 20000, "operations per workload and concurrency")
	flag.Parse()

	cluster := gocql.NewCluster(strings.Split(*hosts, ",")...)
	cluster.Port = *port
	cluster.ProtoVersion = 4
	cluster.Consistency = gocql.One
	cluster.Timeout = 10 * time.Second
	cluster.ConnectTimeout = 10 * time.Second
	cluster.NumConns = 1
	cluster.DisableInitialHostLookup = true
	session, err := cluster.CreateSession()
	if err != nil {
		fmt.Fprintln(os.Stderr, "connect:", err)
		os.Exit(1)
	}
	defer session.Close()
	setup := []string{
		fmt.Sprintf("CREATE KEYSPACE IF NOT EXISTS %s WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}", *keyspace),
		fmt.Sprintf("CREATE TABLE IF NOT EXISTS %s.bench_kv (id int PRIMARY KEY, value text)", *keyspace),
	}
	for _, statement := range setup {
		if err := session.Query(statement).Exec(); err != nil {
			fmt.Fprintln(os.Stderr, "setup:", err)
			os.Exit(1)
		}
	}
	encoder := json.NewEncoder(os.Stdout)
	for _, workload := range strings.Split(*workloads, ",") {
		for _, text := range strings.Split(*concurrencies, ",") {
			concurrency, err := strconv.Atoi(text)
			if err != nil || concurrency < 1 {
				fmt.Fprintln(os.Stderr, "bad concurrency:", text)
				os.Exit(2)
			}
			encoder.Encode(run(session, workload, concurrency, *ops, *keyspace))
		}
	}
}
