SHELL := /bin/bash
# A thin wrapper over meson for a fresh Debian 12 machine: `make run` and
# `make test` install what is missing, build, and run.

# Every Debian package the build, the app and the tests need, listed once.
PACKAGES = meson ninja-build pkg-config gcc libc6-dev \
           libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev \
           libjson-glib-dev libsqlite3-dev libxml2-dev \
           gettext desktop-file-utils appstream \
           python3 python3-jsonschema \
           xvfb xauth dbus dbus-x11 fonts-cantarell adwaita-icon-theme

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

bench: build
	$(XVFB) meson test -C $(BUILD) --benchmark --verbose

clean:
	rm -rf $(BUILD)
