# CassandraORM developer entry points. `make test` is what CI runs (see .ci/run).
SWIFT ?= swift

.PHONY: build test bench bench-driver bench-orm example server clean

build:
	$(SWIFT) build

test:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	python3 -m pytest -q Tests/PythonDriverTests

server:
	$(SWIFT) run cql-server --port 9042

bench:
	Benchmarks/run.sh

bench-driver:
	$(SWIFT) build -c release --product cql-bench
	./.build/release/cql-bench peer 19042 & PEER=$$!; sleep 1; \
	for w in select prepared insert; do for c in 16 64; do ./.build/release/cql-bench run 127.0.0.1:19042 $$w $$c 100000; done; done; \
	kill $$PEER

bench-orm:
	$(SWIFT) run -c release orm-bench

example:
	@echo "the e-commerce example is coming"; exit 1

clean:
	rm -rf .build
