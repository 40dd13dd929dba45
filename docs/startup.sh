#!/usr/bin/env bash
# Measures cold start to first frame of the window under Xvfb on a demo database:
# N runs (default 10), prints each and the median in milliseconds.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
work=$(mktemp -d)
display=:${STARTUP_DISPLAY:-94}
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 1
./ganzhao --db "$work/demo.db" demo --size 100000 --seed 1 >/dev/null
times=()
for i in $(seq "$runs"); do
	start=$(date +%s%N)
	end=$(DISPLAY=$display GANZHAO_STARTUP_PROBE=1 ./ganzhao --db "$work/demo.db" 2>&1 | sed -n 's/^first-frame-unix-ns //p')
	ms=$(( (end - start) / 1000000 ))
	times+=("$ms")
	echo "run $i: ${ms} ms"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median: " a[int((NR+1)/2)] " ms"}'
