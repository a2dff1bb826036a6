#!/usr/bin/env bash
# Run-record benchmarks, printed as ratios against baselines measured in the same run:
#   1. `run --record` of 300 `run true` probes (--jobs 8) against `xargs -P8 sh -c true` over the
#      same 300 commands. Goal: at most 1.2x.
#   2. What writing the record costs: `run --record` minus `run --no-record` of the same checklist,
#      for this build and, when BASELINE names another tickmark binary (an earlier build), for it.
# TICKMARK names the binary to measure (default: a release build of this checkout).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${TICKMARK:-}" ]; then
  swift build -c release --static-swift-stdlib --product tickmark >/dev/null
  TICKMARK="$PWD/.build/release/tickmark"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now() { date +%s.%N; }
runs=${RUNS:-7}

{ echo "# Spawn"; for i in $(seq 1 300); do echo "- [ ] true $i \`probe: run true\`"; done; } > "$work/spawn.md"
for i in $(seq 1 300); do echo true; done > "$work/commands.txt"

# One timed run: `$1 run spawn.md --jobs 8` with the remaining arguments, in seconds.
once() {
  local binary=$1; shift
  local s e
  s=$(now); (cd "$work" && "$binary" run spawn.md --jobs 8 "$@" >/dev/null); e=$(now)
  echo "$e - $s" | bc
}

# Runs of the three commands taken in turns, so that a change in the machine's load touches all.
measure() {
  local binary=$1
  withs=(); withouts=(); floors=()
  for _ in $(seq 1 "$runs"); do
    withs+=("$(once "$binary" --record record.json)")
    withouts+=("$(once "$binary" --no-record)")
    s=$(now); xargs -P8 -I{} sh -c {} < "$work/commands.txt"; e=$(now); floors+=("$(echo "$e - $s" | bc)")
  done
  with=$(printf '%s\n' "${withs[@]}" | median)
  without=$(printf '%s\n' "${withouts[@]}" | median)
  floor=$(printf '%s\n' "${floors[@]}" | median)
}

report() {
  printf '%s: run --record %.3fs, --no-record %.3fs, xargs -P8 %.3fs; --record/xargs %.2f (goal <= 1.20); record writing (difference) %.1f ms, %s bytes\n' \
    "$1" "$with" "$without" "$floor" "$(echo "$with / $floor" | bc -l)" "$(echo "($with - $without) * 1000" | bc -l)" "$(wc -c < "$work/record.json")"
}

measure "$TICKMARK"
report "this build"
if [ -n "${BASELINE:-}" ]; then
  measure "$BASELINE"
  report "baseline"
fi
