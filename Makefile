# 赣招 — build, run and test on Debian/Ubuntu.
# `make run` installs what is missing, builds, and opens the app on the local database
# (seeded with reference data on first open); `make test` runs vet and the race-enabled tests.

SHELL := /bin/bash
export LANG := C.UTF-8
export LC_ALL := C.UTF-8
# Fyne reads its own language from LANGUAGE once LANG is a real locale: the UI is Chinese.
export LANGUAGE := zh_CN:zh
export PATH := $(PATH):/usr/local/go/bin
# A Go older than go.mod's fetches the right toolchain through the module proxy.
export GOTOOLCHAIN := auto

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# What Fyne needs to build with cgo on Debian/Ubuntu; python3-openpyxl is the independent
# reader the returns' tests check generated workbooks with.
APT_PACKAGES := gcc pkg-config libgl1-mesa-dev xorg-dev python3-openpyxl

BIN := ganzhao

.PHONY: all deps build run demo test vet bench clean screenshots package-windows

all: build

# apt_install installs those of the Debian packages in $(1) that are missing.
define apt_install
	@missing=""; \
	for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "安装缺少的系统软件包：$$missing"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

# deps installs the system packages that are missing (and Go, if there is none).
deps:
	$(call apt_install,$(APT_PACKAGES) $(if $(shell command -v go),,golang-go))

build: deps
	go build -o $(BIN) .

run: build
	./$(BIN)

# demo opens the app on a separate database filled with 2 000 demo records.
demo: build
	rm -f demo.db demo.db-wal demo.db-shm
	./$(BIN) --db demo.db demo --size 2000
	./$(BIN) --db demo.db

vet: deps
	go vet ./...

test: deps
	go vet ./...
	go test -race -count=1 ./...
	$(MAKE) --no-print-directory fuzz FUZZTIME=2s

bench: deps
	go test -run '^$$' -bench . -benchtime 5x -count 5 ./...

clean:
	rm -f $(BIN) $(BIN).exe demo.db demo.db-wal demo.db-shm

# screenshots opens the app under Xvfb on demo data and saves a PNG of each main screen to docs/.
screenshots: build
	$(call apt_install,xvfb imagemagick xdotool)
	docs/screenshots.sh

# package-windows cross-compiles ganzhao.exe with its icon through `fyne package` and mingw.
FYNE_TOOL := $(CURDIR)/.tools/fyne
$(FYNE_TOOL):
	GOBIN=$(CURDIR)/.tools go install fyne.io/tools/cmd/fyne@v1.7.4

package-windows: deps $(FYNE_TOOL)
	$(call apt_install,gcc-mingw-w64-x86-64)
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc $(FYNE_TOOL) package --os windows --release --name $(BIN)
	@ls -l $(BIN).exe

# fuzz runs every fuzz target of every package for FUZZTIME each (default 10 minutes), one at a
# time; `make test` runs each for 2 s. The targets are found by their `func FuzzX` lines, so a new
# one is fuzzed without being listed here. Their seed corpora (testdata/fuzz) also run in every
# `go test`. A crasher is written to the package's testdata/fuzz/FuzzX: commit it with the fix.
# Go 1.26's fuzzer can fail a run with a bare "context deadline exceeded" when -fuzztime ends
# while a worker is mid-input (golang/go#75804, fixed in Go 1.27): such a run, with no failing
# input written, is run once more; any other failure, or the same one twice, fails.
FUZZTIME ?= 10m
FUZZFLAGS ?= -parallel=1 -fuzzminimizetime=10s
.PHONY: fuzz
fuzz:
	@log=$$(mktemp); trap 'rm -f $$log' EXIT; \
	for file in $$(grep -rl --include='*_test.go' '^func Fuzz' . | sort); do \
		dir=$$(dirname $$file); \
		for t in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$file); do \
			for try in 1 2; do \
				echo "== $$dir $$t ($(FUZZTIME))"; \
				if go test -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME) $(FUZZFLAGS) $$dir 2>&1 | tee $$log; test $${PIPESTATUS[0]} -eq 0; then break; fi; \
				if [ $$try = 1 ] && grep -q 'context deadline exceeded' $$log && ! grep -q 'Failing input written' $$log; then \
					echo "== $$t: the fuzzer's deadline race (golang/go#75804), no failing input: once more"; continue; \
				fi; \
				exit 1; \
			done; \
		done; \
	done


# crashtest kills the real binary with SIGKILL GANZHAO_CRASH_KILLS times in the middle of imports
# and edits, and checks after each kill that the database opens sound with every write it
# reported committed (CI runs 20 of them in `go test`).
GANZHAO_CRASH_KILLS ?= 200
.PHONY: crashtest
crashtest: deps
	GANZHAO_CRASH_KILLS=$(GANZHAO_CRASH_KILLS) go test -run '^TestCrashKill$$' -count=1 -v -timeout 60m .
