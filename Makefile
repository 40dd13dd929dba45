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
# What Fyne needs to build with cgo on Debian/Ubuntu.
APT_PACKAGES := gcc pkg-config libgl1-mesa-dev xorg-dev

BIN := ganzhao

.PHONY: all deps build run demo test vet bench clean

all: build

# deps installs the system packages that are missing (and Go, if there is none).
deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v go >/dev/null 2>&1 || missing="$$missing golang-go"; \
	if [ -n "$$missing" ]; then \
		echo "安装缺少的系统软件包：$$missing"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

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

bench: deps
	go test -run '^$$' -bench . -benchtime 5x -count 5 ./...

clean:
	rm -f $(BIN) $(BIN).exe demo.db demo.db-wal demo.db-shm
