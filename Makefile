# Two entry points for people (see README): `make demo` and `make test`.
# Everything else is a step they call; each step is safe to re-run.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test setup test-deps neo4j-start neo4j-stop bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/kg build examples/sample-report.txt --out out
	$(BIN)/kg glossary 三查 --graph out
	@echo "Open out/graph.html in a browser. Real report: $(BIN)/kg build ../shared/corpus/hetang-2019.txt --out out"

test-deps: setup
	bash scripts/install-chromium
	bash scripts/neo4j-local start

test: test-deps
	$(BIN)/pytest -q; status=$$?; bash scripts/neo4j-local stop; exit $$status

neo4j-start:
	bash scripts/neo4j-local start

neo4j-stop:
	bash scripts/neo4j-local stop

# The benchmark wipes its database, so it gets a throwaway Neo4j of its own.
BENCH_NEO4J := NEO4J_INSTANCE_DIR=$(CURDIR)/.cache/bench-neo4j NEO4J_BOLT_PORT=7688 NEO4J_HTTP_PORT=7475

bench: setup
	$(BENCH_NEO4J) bash scripts/neo4j-local start
	NEO4J_URI=bolt://127.0.0.1:7688 $(BIN)/python -m benchmarks; status=$$?; \
		$(BENCH_NEO4J) bash scripts/neo4j-local stop; exit $$status

clean:
	rm -rf out .pytest_cache
