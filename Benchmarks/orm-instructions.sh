#!/usr/bin/env bash
# Instructions per orm-bench operation under callgrind: a run of 1500 iterations of one
# operation minus a run of 500, divided by 1000 (client plus in-process server, without
# start-up and warm-up).
#
#   Benchmarks/orm-instructions.sh                      # every operation
#   Benchmarks/orm-instructions.sh raw-select find-one  # those operations
#   ORM_BENCH=.build-orm/release/orm-bench Benchmarks/orm-instructions.sh
#
# Prints all instructions, and the same without libuv's own code: its polling loop moves by
# a few thousand instructions per operation from run to run, with how the loop threads are
# scheduled. Hashing is deterministic (SWIFT_DETERMINISTIC_HASHING=1), or Set and
# Dictionary probes, and their string comparisons, change with each process's random seed.
# Needs valgrind (callgrind_annotate comes with it).
set -euo pipefail
cd "$(dirname "$0")/.."
bench="${ORM_BENCH:-.build/release/orm-bench}"
operations=("$@")
if [ ${#operations[@]} -eq 0 ]; then
    operations=(raw-insert save typed-save raw-select find-one typed-find-one query-find-one typed-query-find-one)
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Prints the instructions of a callgrind output file, and those in libuv.
counts() {
    local total libuv
    total="$(grep -m1 -E '^(summary|totals):' "$1" | awk '{ print $2 }')"
    libuv="$(callgrind_annotate --threshold=100 --show-percs=no --auto=no "$1" 2>/dev/null | awk '/libuv\.so/ { gsub(",", "", $1); sum += $1 } END { print sum + 0 }')"
    echo "$total $libuv"
}

printf '%-22s %14s %16s\n' operation instructions "without libuv"
for operation in "${operations[@]}"; do
    for iterations in 500 1500; do
        SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --dump-instr=no --callgrind-out-file="$work/$iterations.out" \
            "$bench" "$iterations" "$operation" >/dev/null 2>&1
    done
    read -r short short_libuv <<<"$(counts "$work/500.out")"
    read -r long long_libuv <<<"$(counts "$work/1500.out")"
    printf '%-22s %14d %16d\n' "$operation" $(((long - short) / 1000)) $(((long - long_libuv - short + short_libuv) / 1000))
done
