SHELL := /bin/bash
# A thin wrapper over meson for a fresh Debian 12 machine: `make run` and
# `make test` install what is missing, build, and run. `make test-sanitize`
# runs the same suite under AddressSanitizer, UndefinedBehaviorSanitizer and
# LeakSanitizer; `make fuzz` builds the libFuzzer targets with clang and runs
# each for FUZZ_SECONDS (it alone installs FUZZ_PACKAGES).

# Every Debian package the build, the app and the tests need, listed once.
PACKAGES = meson ninja-build pkg-config gcc libc6-dev \
           libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev \
           libjson-glib-dev libsqlite3-dev libxml2-dev libicu-dev \
           gettext desktop-file-utils appstream \
           python3 python3-jsonschema \
           xvfb xauth dbus dbus-x11 fonts-cantarell adwaita-icon-theme \
           poppler-utils xdotool \
           libpq-dev postgresql libsecret-1-dev

BUILD ?= build
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
XVFB = xvfb-run -a -s '-screen 0 1280x800x24'

.PHONY: all deps setup build run test bench clean

all: build

deps:
	@missing=$$(for p in $(PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(BUILD)/build.ninja:
	meson setup $(BUILD)

setup: deps $(BUILD)/build.ninja

build: setup
	ninja -C $(BUILD)

# The schema is compiled into the build tree, so the app runs uninstalled.
run: build
	GSETTINGS_SCHEMA_DIR=$(BUILD)/data $(BUILD)/app/factmark data/samples/harbor-bridge.txt

test: build
	@set -o pipefail 2>/dev/null; \
	$(XVFB) meson test -C $(BUILD) --print-errorlogs --num-processes 2 2>&1 | tee $(BUILD)/test-output.txt; \
	status=$${PIPESTATUS[0]}; \
	ok=$$(awk '/^Ok:/ {print $$2}' $(BUILD)/test-output.txt); \
	xfail=$$(awk '/^Expected Fail:/ {print $$3}' $(BUILD)/test-output.txt); \
	bad=$$(awk '/^(Fail|Unexpected Pass|Timeout):/ {n += $$NF} END {print n + 0}' $(BUILD)/test-output.txt); \
	echo "$$(( $${ok:-0} + $${xfail:-0} )) passed, $${bad:-0} failed"; \
	exit $$status

# Runs every meson benchmark() (one at a time, as meson runs them), then
# gathers the rows they print ("BENCH|benchmark|case|...") into one table.
# The first run also builds the inputs into $(BUILD)/tests/bench/cache.
bench: build
	@set -o pipefail 2>/dev/null; \
	$(XVFB) meson test -C $(BUILD) --benchmark --verbose 2>&1 | tee $(BUILD)/bench-output.txt; \
	status=$${PIPESTATUS[0]}; \
	echo; \
	{ echo "benchmark|case|result|baseline|ratio|target|met?"; \
	  grep -o 'BENCH|.*' $(BUILD)/bench-output.txt | cut -d'|' -f2-; } \
	  | LC_ALL=C.UTF-8 column -t -s '|' | tee $(BUILD)/bench-table.txt; \
	exit $$status

# The whole suite with ASan, UBSan and LeakSanitizer, in its own build dir.
# Leaks are reported except those in tests/lsan.supp, which lists only
# third-party libraries. Tests get three times their usual time limit.
# intercept_strstr=0: ASan's strstr() wrapper measures the whole haystack on
# every call, which makes a linear scan with strstr() quadratic (an 800 kB
# Markdown test took a minute instead of a tenth of a second).
SANITIZE_BUILD ?= build-asan
# GDK_DEBUG=gl-disable: Mesa's software GL driver under Xvfb keeps memory
# it allocated and is unloaded before LeakSanitizer looks, so its leak has
# no module name a suppression could match; the window renders with cairo
# instead, and none of Factmark's code is left out.
SANITIZE_ENV = GDK_DEBUG=gl-disable FACTMARK_TEST_TIMEOUT_MULTIPLIER=5 \
               ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:intercept_strstr=0 \
               LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
               UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1

.PHONY: test-sanitize fuzz deps-fuzz

$(SANITIZE_BUILD)/build.ninja:
	meson setup $(SANITIZE_BUILD) -Db_sanitize=address,undefined -Db_lundef=false

test-sanitize: deps $(SANITIZE_BUILD)/build.ninja
	ninja -C $(SANITIZE_BUILD)
	@set -o pipefail 2>/dev/null; \
	$(SANITIZE_ENV) $(XVFB) meson test -C $(SANITIZE_BUILD) --print-errorlogs --num-processes 2 \
	  --timeout-multiplier 3 2>&1 | tee $(SANITIZE_BUILD)/test-output.txt; \
	status=$${PIPESTATUS[0]}; \
	ok=$$(awk '/^Ok:/ {print $$2}' $(SANITIZE_BUILD)/test-output.txt); \
	bad=$$(awk '/^(Fail|Unexpected Pass|Timeout):/ {n += $$NF} END {print n + 0}' $(SANITIZE_BUILD)/test-output.txt); \
	echo "sanitize: $${ok:-0} passed, $${bad:-0} failed"; \
	exit $$status

# libFuzzer targets (tests/fuzz), built with clang, ASan and UBSan, the core
# instrumented for coverage. Each runs FUZZ_SECONDS from its seed corpus;
# what it finds stays in $(FUZZ_BUILD)/corpus, crashes go to
# $(FUZZ_BUILD)/crashes (copy each to tests/data/fuzz/TARGET/ once fixed, so
# `make test` replays it). The figures are in $(FUZZ_BUILD)/fuzz-summary.txt.
FUZZ_PACKAGES = clang libclang-rt-14-dev
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_FLAGS ?=
FUZZ_TARGETS = fuzz-decode fuzz-metadata fuzz-html fuzz-fragment fuzz-factsheet fuzz-w3c fuzz-suggest
# The JSON targets unwind fully on malloc, so that the json-glib entry of
# tests/fuzz/lsan-fuzz.supp can see json-glib's frames in a leak's stack.
FUZZ_ENV = LSAN_OPTIONS=suppressions=$(CURDIR)/$(FUZZ_BUILD)/lsan.supp:print_suppressions=0 \
           UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
           G_SLICE=always-malloc

$(FUZZ_BUILD)/build.ninja:
	CC=clang meson setup $(FUZZ_BUILD) -Dfuzzing=true -Db_sanitize=address,undefined \
	  -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link

deps-fuzz:
	@$(MAKE) --no-print-directory deps PACKAGES="$(FUZZ_PACKAGES)"

fuzz: deps deps-fuzz $(FUZZ_BUILD)/build.ninja
	ninja -C $(FUZZ_BUILD) $(addprefix tests/fuzz/,$(FUZZ_TARGETS))
	@mkdir -p $(FUZZ_BUILD)/crashes; failed=; \
	cat tests/lsan.supp tests/fuzz/lsan-fuzz.supp > $(FUZZ_BUILD)/lsan.supp; \
	echo "target|executions|cov|ft|corpus|seconds|result" > $(FUZZ_BUILD)/fuzz-summary.txt; \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$t; \
	  echo "== $$t: $(FUZZ_SECONDS) s"; \
	  case $$t in fuzz-factsheet|fuzz-w3c) unwind=:fast_unwind_on_malloc=0;; *) unwind=;; esac; \
	  $(FUZZ_ENV) ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1$$unwind \
	    $(FUZZ_BUILD)/tests/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -timeout=30 \
	    -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/crashes/$$t- $(FUZZ_FLAGS) \
	    $(FUZZ_BUILD)/corpus/$$t tests/fuzz/corpus/$$t > $(FUZZ_BUILD)/$$t.log 2>&1; \
	  status=$$?; \
	  last=$$(grep -E '^#[0-9]+' $(FUZZ_BUILD)/$$t.log | tail -1); \
	  execs=$$(awk -F': *' '/^stat::number_of_executed_units/ {print $$NF}' $(FUZZ_BUILD)/$$t.log); \
	  cov=$$(echo "$$last" | grep -o 'cov: [0-9]*' | cut -d' ' -f2); \
	  ft=$$(echo "$$last" | grep -o 'ft: [0-9]*' | cut -d' ' -f2); \
	  corp=$$(echo "$$last" | grep -o 'corp: [0-9]*' | cut -d' ' -f2); \
	  if [ $$status = 0 ]; then result=ok; else result=CRASH; failed="$$failed $$t"; \
	    grep -E 'ERROR|SUMMARY|==[0-9]+==' $(FUZZ_BUILD)/$$t.log | head -5; fi; \
	  echo "$$t|$${execs:-?}|$${cov:-?}|$${ft:-?}|$${corp:-?}|$(FUZZ_SECONDS)|$$result" \
	    >> $(FUZZ_BUILD)/fuzz-summary.txt; \
	done; \
	column -t -s '|' $(FUZZ_BUILD)/fuzz-summary.txt; \
	if [ -n "$$failed" ]; then echo "Crashes in:$$failed (see $(FUZZ_BUILD)/crashes and the logs)"; exit 1; fi

clean:
	rm -rf $(BUILD)
