# nx — two commands on a fresh machine: `make run` and `make test`.
SWIFT ?= swift
NXGEN := .build/debug/nxgen
HOST ?= 127.0.0.1
PORT ?= 8080
DATA ?= ./data

.PHONY: all build run test tools docs sdk-example postgres-tools generate check diff nxgen conform bench bench-venv clean pyclient schemathesis schemathesis-venv schemathesis-run openapi-validate fuzz

all: build

## Build the server in release mode.
build:
	$(SWIFT) build -c release --product nxserver

## Build and start the server on $(HOST):$(PORT) with its store in $(DATA) (seeded on first start).
run: build
	./.build/release/nxserver --data $(DATA) --host $(HOST) --port $(PORT)

nxgen:
	$(SWIFT) build --product nxgen

## Regenerate Generated/ from Spec/.
generate: nxgen
	$(NXGEN) generate

## Fail if Generated/ is stale.
check: nxgen
	$(NXGEN) check

## nxgen check, the OpenAPI document against the OpenAPI 3.1 schema, nxgen diff against the last release tag (if any),
## then every test on the embedded SQLite store, then every test again on PostgreSQL (a server of the test run's own,
## in a temporary directory on a free loopback port, stopped at the end: LocalPostgres).
## Each step's output goes to a log in $(TEST_LOGS); the terminal gets one line per step (the failures and the log's
## tail when a step fails) and a last line with the counts.
TEST_LOGS := .build/test-logs
test: tools postgres-tools
	@rm -rf $(TEST_LOGS)
	@tools/quiet.sh "nxgen check (Generated/ is current)" $(TEST_LOGS)/check.log $(MAKE) --no-print-directory check
	@tools/quiet.sh "OpenAPI document validation" $(TEST_LOGS)/openapi.log $(MAKE) --no-print-directory openapi-validate
	@tag=$$(git describe --tags --abbrev=0 --match 'v*' 2>/dev/null); if [ -n "$$tag" ]; then \
	  tools/quiet.sh "nxgen diff $$tag" $(TEST_LOGS)/diff.log $(NXGEN) diff "$$tag"; fi
	@tools/quiet.sh "build (debug, with tests)" $(TEST_LOGS)/build.log $(SWIFT) build --build-tests
	@tools/quiet.sh "SDK example (a package of its own: Client/Examples/GettingStarted)" $(TEST_LOGS)/sdk-example.log \
	  $(MAKE) --no-print-directory sdk-example
	@tools/quiet.sh "tests on SQLite" $(TEST_LOGS)/sqlite.log $(SWIFT) test --skip-build
	@NX_TEST_BACKEND=postgres tools/quiet.sh "tests on PostgreSQL" $(TEST_LOGS)/postgres.log $(SWIFT) test --skip-build
	@tools/quiet.sh "schemathesis ($(SCHEMATHESIS_TEST_SECONDS) s)" $(TEST_LOGS)/schemathesis.log $(MAKE) --no-print-directory \
	  schemathesis-run SCHEMATHESIS_SECONDS=$(SCHEMATHESIS_TEST_SECONDS) SCHEMATHESIS_EXAMPLES=$(SCHEMATHESIS_TEST_EXAMPLES)
	@tools/test-summary.sh $(TEST_LOGS)

## External tools the server uses when present: poppler-utils (PDF text for fulltext; the pdf2text, pdf2html and
## pdf2image converters), ImageMagick (thumbnails, image resizing), LibreOffice without its GUI (office documents to
## PDF and HTML), qpdf and Ghostscript (the PDF operations). A converter whose tool is missing answers
## "The 'X' converter is not available"; the conversion tests need them all (about 20 s to install from Debian's mirror).
## Headless Chromium opens the REST API explorer (GET /doc) in APIReferenceTests.
TOOL_PACKAGES = poppler-utils imagemagick qpdf ghostscript libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui chromium fonts-liberation
tools:
	@(command -v pdftoppm && command -v qpdf && command -v gs && command -v soffice && command -v chromium && dpkg -s imagemagick) >/dev/null 2>&1 || \
	  (apt-get update -qq && apt-get install -y -qq --no-install-recommends $(TOOL_PACKAGES) >/dev/null) || \
	  echo "$(TOOL_PACKAGES): not all could be installed; the converters that need them answer 'not available'"

## PostgreSQL server binaries, which the PostgreSQL store's tests need (LocalPostgres runs initdb and pg_ctl from
## /usr/lib/postgresql/<version>/bin or PATH): Debian's postgresql package when they are missing, through sudo when not
## root. Nothing to do (no apt-get) when they are there.
postgres-tools:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || { \
	  sudo=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
	  $$sudo apt-get update -qq && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null && \
	  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; } || \
	  { echo "postgres-tools: no PostgreSQL server binaries (initdb, pg_ctl), and apt-get install postgresql failed"; exit 1; }

## The SDK's getting-started example, built as a client team builds it: a package of its own depending on Client/ only
## (so AsyncHTTPClient and SwiftNIO are compiled again for it, in .build/examples). SDKExampleTests runs it.
sdk-example:
	$(SWIFT) build --package-path Client/Examples/GettingStarted --scratch-path .build/examples/GettingStarted

## The SDK's documentation (DocC catalog + every public symbol): .build/docs/NXClient.doccarchive.
## In the SDK package, swift-docc-plugin does the same: swift package --package-path Client generate-documentation --target NXClient
docs:
	$(SWIFT) build --product nx
	tools/docs.sh .build/docs

## Classify the spec changes since a git ref as breaking or compatible (exit 1 on breaking): make diff REF=v1.0
diff: nxgen
	$(NXGEN) diff $(REF)

## Run the conformance scenarios against a running server: make conform BASE_URL=http://127.0.0.1:8080/nuxeo/api/v1
BASE_URL ?= http://$(HOST):$(PORT)/nuxeo/api/v1
conform:
	$(SWIFT) build --product nxconform
	.build/debug/nxconform --base-url $(BASE_URL) --user Administrator --password Administrator

## matplotlib (PyPI, pinned) in .build/bench-venv for bench/chart.py, the chart of the benchmark history
## (bench/history[-N].jsonl -> bench/chart[-N].png): .build/bench-venv/bin/python bench/chart.py [--docs N].
## Debian's python3-venv (through sudo when not root) when `python3 -m venv` fails for want of ensurepip.
BENCH_MATPLOTLIB_VERSION ?= 3.11.2
BENCH_PYTHON := .build/bench-venv/bin/python
bench-venv:
	@test -x $(BENCH_PYTHON) && $(BENCH_PYTHON) -c "import importlib.metadata as m, sys, matplotlib; \
	  sys.exit(m.version('matplotlib') != '$(BENCH_MATPLOTLIB_VERSION)')" 2>/dev/null || { \
	  python3 -m venv .build/bench-venv >/dev/null 2>&1 || { rm -rf .build/bench-venv; \
	    sudo=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
	    $$sudo apt-get update -qq && \
	    $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >/dev/null && \
	    python3 -m venv .build/bench-venv; } && \
	  $(BENCH_PYTHON) -m pip install -q --disable-pip-version-check matplotlib==$(BENCH_MATPLOTLIB_VERSION); } || \
	  { echo "bench-venv: could not install matplotlib $(BENCH_MATPLOTLIB_VERSION) into .build/bench-venv"; exit 1; }

## Benchmarks (not part of `make test`): release build, loopback only. BENCH_DOCS=1000000 for the large corpus.
bench: tools postgres-tools bench-venv
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(SWIFT) build -c release --product nxserver
	$(SWIFT) build -c release --product nxbench
	$(SWIFT) build -c release --product nxgen
	python3 bench/run.py

clean:
	rm -rf .build

## Smoke-test a running server with Nuxeo's Python client (installs it from PyPI into .build/pyclient): make pyclient NX_URL=http://127.0.0.1:8080/nuxeo/
NX_URL ?= http://$(HOST):$(PORT)/nuxeo/
pyclient:
	test -x .build/pyclient/bin/python || python3 -m venv .build/pyclient
	.build/pyclient/bin/pip install -q nuxeo packaging authlib jwt requests
	NX_URL=$(NX_URL) .build/pyclient/bin/python tools/nuxeo_python_client_smoke.py

## Generated/openapi.yaml against the official OpenAPI 3.1 schema (and its schema objects against JSON Schema 2020-12)
## with openapi-spec-validator (PyPI, pinned) in .build/openapi-spec-validator; also checks that broken copies fail.
OPENAPI_SPEC_VALIDATOR_VERSION ?= 0.9.0
OPENAPI_VALIDATOR_PYTHON := .build/openapi-spec-validator/bin/python
openapi-validate:
	test -x $(OPENAPI_VALIDATOR_PYTHON) && $(OPENAPI_VALIDATOR_PYTHON) -c "import importlib.metadata as m, sys; \
	  sys.exit(m.version('openapi-spec-validator') != '$(OPENAPI_SPEC_VALIDATOR_VERSION)')" || \
	  (python3 -m venv .build/openapi-spec-validator && $(OPENAPI_VALIDATOR_PYTHON) -m pip install -q --disable-pip-version-check \
	    openapi-spec-validator==$(OPENAPI_SPEC_VALIDATOR_VERSION))
	$(OPENAPI_VALIDATOR_PYTHON) tools/openapi_validate.py

## schemathesis (PyPI, pinned) in .build/schemathesis.
SCHEMATHESIS_VERSION ?= 4.32.5
SCHEMATHESIS := .build/schemathesis/bin/schemathesis
schemathesis-venv:
	test -x $(SCHEMATHESIS) && $(SCHEMATHESIS) --version | grep -q ' $(SCHEMATHESIS_VERSION)$$' || \
	  (python3 -m venv .build/schemathesis && .build/schemathesis/bin/pip install -q --disable-pip-version-check schemathesis==$(SCHEMATHESIS_VERSION))

## schemathesis, every check, over Generated/openapi.yaml against a fresh nxserver (debug build) on a free loopback port.
## `make test` runs it briefly; the long run: make schemathesis SCHEMATHESIS_SECONDS=600
SCHEMATHESIS_SECONDS ?= 600
SCHEMATHESIS_EXAMPLES ?= 100
SCHEMATHESIS_TEST_SECONDS ?= 40
SCHEMATHESIS_TEST_EXAMPLES ?= 5
schemathesis:
	$(SWIFT) build --product nxserver
	$(MAKE) schemathesis-run

schemathesis-run: schemathesis-venv
	SCHEMATHESIS=$(SCHEMATHESIS) NXSERVER=.build/debug/nxserver SCHEMATHESIS_SECONDS=$(SCHEMATHESIS_SECONDS) \
	  SCHEMATHESIS_EXAMPLES=$(SCHEMATHESIS_EXAMPLES) python3 tools/schemathesis_run.py

## Fuzz the input parsers (libFuzzer + AddressSanitizer; not part of `make test`): NXQL, JSON, percent-decoding and the
## spec front end, each for $(FUZZ_SECONDS) s from the seeds in Fuzz/Corpus/. Fails if any target crashes, hangs or runs
## out of memory; findings and logs land in .build-fuzz/. FUZZ_TARGETS picks targets.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= FuzzNXQL FuzzJSON FuzzPercentEncoding FuzzSpec
FUZZ_CONFIG ?= release
## …then schemathesis over the OpenAPI document for longer than `make test` does.
FUZZ_SCHEMATHESIS_SECONDS ?= 600
fuzz:
	$(SWIFT) build --package-path Fuzz --scratch-path .build-fuzz -c $(FUZZ_CONFIG) \
		-Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
	Fuzz/run.sh $(FUZZ_SECONDS) .build-fuzz/$(FUZZ_CONFIG) .build-fuzz $(FUZZ_TARGETS)
	$(MAKE) schemathesis SCHEMATHESIS_SECONDS=$(FUZZ_SCHEMATHESIS_SECONDS)
