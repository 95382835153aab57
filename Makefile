# Bluehelmet: the two commands a new user needs are `make demo` and `make test`.
# Everything else wraps CMake presets (see CMakePresets.json).
.PHONY: all deps web-deps reader-deps release debug demo demo-sample real-data serve test test-unit test-browser test-release test-tsan bench bench-micro fuzz clean format help

JOBS ?= $(shell nproc)
BUILD_RELEASE := build/release
BUILD_DEBUG := build/debug
BH := $(BUILD_RELEASE)/bluehelmet

all: release

help:
	@echo "make demo    install what is missing, build, load the bundled real UN figures, print the ADMM-Plus scorecard"
	@echo "make demo-sample   the same on the SYNTHETIC sample, in its own database (sample.db)"
	@echo "make real-data     rewrite data/real/ from the UN reports in ../shared (scripts/bundle-real-data)"
	@echo "make test    install what is missing, build with ASan+UBSan, run every test (unit, then browser)"
	@echo "make serve   the demo database on http://127.0.0.1:8080/ (make demo first; 'bluehelmet user add' an admin)"
	@echo "make bench   run the benchmarks against DuckDB, pandas and pdftotext (docs/performance.md)"
	@echo "make bench-micro   the Google Benchmark suite of the hot paths"
	@echo "make release / make debug   build only"

deps:
	@scripts/install-deps.sh
	@$(MAKE) --no-print-directory web-deps

# The dashboard's pinned npm packages (Chart.js, compiled into the binary; and
# playwright-core for the browser tests), from web/package-lock.json.
web-deps: web/node_modules/.package-lock.json

web/node_modules/.package-lock.json: web/package-lock.json web/package.json
	cd web && npm ci --no-audit --no-fund --ignore-scripts

$(BUILD_RELEASE)/build.ninja:
	cmake --preset release >/dev/null

$(BUILD_DEBUG)/build.ninja:
	cmake --preset debug >/dev/null

release: deps $(BUILD_RELEASE)/build.ninja
	cmake --build --preset release -j $(JOBS)

debug: deps $(BUILD_DEBUG)/build.ninja
	cmake --build --preset debug -j $(JOBS)

# The main job on the bundled real figures (data/real/): a database at the
# default path (./bluehelmet.db), then the ADMM-Plus scorecard of the latest
# real month and the seed statement.
demo: deps $(BUILD_RELEASE)/build.ninja
	cmake --build --preset release -j $(JOBS) --target bluehelmet
	@scripts/demo.sh $(BH)

# The same on the SYNTHETIC sample (benchmarks, tests), in ./sample.db.
demo-sample: deps $(BUILD_RELEASE)/build.ninja
	cmake --build --preset release -j $(JOBS) --target bluehelmet
	@scripts/demo.sh --synthetic $(BH)

# The bundled real data, rewritten from the UN's reports in ../shared.
real-data: deps $(BUILD_RELEASE)/build.ninja
	cmake --build --preset release -j $(JOBS) --target bluehelmet
	@scripts/bundle-real-data $(BH)

test: test-unit test-browser

test-unit: debug reader-deps
	ctest --preset debug -j $(JOBS)

# pandas (Debian's) and DuckDB (the benchmarks' pinned @duckdb/node-api) read
# the export in ExportCommandsTest, installed as `make bench` installs them.
reader-deps:
	@scripts/install-deps.sh --readers
	@if ! cmp -s bench/package-lock.json bench/node_modules/.package-lock.json.bench 2>/dev/null; then \
	  (cd bench && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.package-lock.json.bench); \
	fi

# Real Chromium (Debian's package) driven by playwright-core against
# `bluehelmet serve` on a loopback port.
test-browser: debug
	@scripts/install-deps.sh --browser
	@$(MAKE) --no-print-directory web-deps
	cd web && BLUEHELMET_BIN=../$(BUILD_DEBUG)/bluehelmet npm run --silent test:browser

serve: release
	$(BH) serve

test-release: release
	ctest --preset release -j $(JOBS)

# ThreadSanitizer over the suites whose code runs on several threads: the
# CSV import's reader thread, PDF preparation on worker threads (poppler),
# the web server's thread pool and its caches. Not part of `make test`
# (a second full build); run it after changing threaded code.
TSAN_SUITES = ImporterTest.*:FileChecksTest.*:RobustnessTest.*:PdfTextTest.*:PdfImportTest.*:ApiTest.*:ServerTest.*:ResponseCacheTest.*:SessionCacheTest.*:DbPoolTest.*:AccountsTest.*:LoginThrottleTest.*:WebCommandsTest.*
test-tsan: deps
	cmake --preset tsan >/dev/null
	cmake --build --preset tsan -j $(JOBS) --target bluehelmet_tests
	cd build/tsan && TEST_TMPDIR=$$PWD/test_tmp TSAN_OPTIONS=halt_on_error=1 ./bluehelmet_tests --gtest_filter='$(TSAN_SUITES)'

# Peers and Bluehelmet on the same inputs in one run; writes docs/performance.md.
bench: release
	@scripts/install-deps.sh --bench
	@bench/run.sh $(BUILD_RELEASE)

bench-micro: release
	$(BUILD_RELEASE)/bluehelmet_bench

format:
	clang-format -i $$(git ls-files 'src/*.h' 'src/*.cc' 'bench/*.cc' 'bench/*.h' 'fuzz/*.cc' 'fuzz/*.h')

# Each libFuzzer harness for FUZZ_SECONDS (default 60) from its seed corpus.
FUZZ_SECONDS ?= 60
fuzz: deps
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz -j $(JOBS)
	@for f in build/fuzz/fuzz/*_fuzzer; do \
	  name=$$(basename $$f); mkdir -p build/fuzz/corpus/$$name; \
	  echo "== $$name ($(FUZZ_SECONDS) s)"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=4096 build/fuzz/corpus/$$name fuzz/seeds/$$name || exit 1; \
	done

clean:
	rm -rf build
