#!/usr/bin/env bash
# Run-record benchmarks, against baselines measured in the same run:
#   1. `RunRecord.jsonBytes()` and `RunRecord.decode` of the record of 300 `run true` items, timed
#      by Benchmarks/RecordJSON/main.swift built against this checkout's release build and, with
#      BASELINE=<git revision>, against that revision's (built in a temporary folder; or give
#      BASELINE_DIR, a checkout already built with `swift build -c release`). Goal: writing >= 10x faster.
#   2. `run --record` of the same 300 probes (--jobs 8) against `xargs -P8 sh -c true` over the
#      same 300 commands (goal: at most 1.2x), and `--record` minus `--no-record`, for both builds.
# The benchmark is linked by hand from the release build's object files, as SwiftPM exports
# only the core library as a product.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

swift build -c release --product tickmark >/dev/null
TICKMARK="$root/.build/release/tickmark"
if [ -n "${BASELINE:-}" ] && [ -z "${BASELINE_DIR:-}" ]; then
  BASELINE_DIR="$work/baseline"
  mkdir -p "$BASELINE_DIR"
  git archive "$BASELINE" | tar -x -C "$BASELINE_DIR"
  (cd "$BASELINE_DIR" && swift build -c release --product tickmark >/dev/null)
fi

# Builds Benchmarks/RecordJSON against the release build of the package at $1, into $2.
build_benchmark() {
  local package=$1 output=$2 build=$1/.build/release
  mkdir -p "$work/maps-$output"
  # The package's own C targets (the revisions differ in which it has), and its Swift modules.
  local maps=() objects=()
  for include in "$package"/Sources/CTickmark*/include; do
    local module
    module=$(basename "$(dirname "$include")")
    printf 'module %s {\n  header "%s"\n  export *\n}\n' "$module" "$include/$module.h" > "$work/maps-$output/$module.modulemap"
    maps+=(-Xcc -fmodule-map-file="$work/maps-$output/$module.modulemap")
    objects+=("$build/$module.build"/*.o)
  done
  for module in Tickmark TickmarkProbes TickmarkSigning TickmarkReport Yams Mustache; do
    [ -d "$build/$module.build" ] && objects+=("$build/$module.build"/*.o)
  done
  # SwiftPM names the root package after its folder; `package` declarations need the same name.
  local name
  name=$(basename "$package" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9\n' '_')
  swiftc -O -suppress-warnings -package-name "$name" -I "$build/Modules" -I "$package/.build/checkouts/Yams/Sources/CYaml/include" \
    -Xcc -fmodule-map-file="$package/Sources/CCmarkGFM/module.modulemap" -Xcc -fmodule-map-file="$package/Sources/COpenSSL/module.modulemap" \
    "${maps[@]}" \
    "$root/Benchmarks/RecordJSON/main.swift" \
    "${objects[@]}" "$build"/CYaml.build/src/*.o \
    -lcmark-gfm -lcmark-gfm-extensions -lssl -lcrypto -o "$work/$output"
}

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
    rm -f "$work/record.json"   # a record already there would be read first (its sign-offs carry over)
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

(cd "$work" && "$TICKMARK" run spawn.md --jobs 8 --record sample.json >/dev/null)
build_benchmark "$root" record-json
echo "this build: $("$work/record-json" "$work/sample.json")"
if [ -n "${BASELINE_DIR:-}" ]; then
  build_benchmark "$BASELINE_DIR" record-json-baseline
  echo "baseline:   $("$work/record-json-baseline" "$work/sample.json")"
fi

measure "$TICKMARK"
report "this build"
if [ -n "${BASELINE_DIR:-}" ]; then
  measure "$BASELINE_DIR/.build/release/tickmark"
  report "baseline"
fi
