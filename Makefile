# CassandraORM developer entry points. `make test` is what CI runs (see .ci/run).
SWIFT ?= swift

.PHONY: build test bench bench-orm example server clean

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

bench-orm:
	$(SWIFT) run -c release orm-bench

example:
	$(SWIFT) run ecommerce --seed

clean:
	rm -rf .build
