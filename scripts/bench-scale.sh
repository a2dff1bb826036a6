#!/usr/bin/env bash
# Scale benchmark: every command should take time linear in its input and memory proportional to
# it. Runs `lint`, `show --json`, `run --record`, `report` (md and html), `sign-off --all-waiting`
# and `report` of the signed record on a checklist of N manual items and on one of 4N, and prints
# for each the wall time and peak memory at N and at 4N and their ratio (4.0 is linear; 16 is
# quadratic).
#
#   scripts/bench-scale.sh [--items N] [--binary PATH]
#
# Without --binary it uses a release build (`swift build -c release --product tickmark`).
set -euo pipefail
cd "$(dirname "$0")/.."
items=2000
binary=
while [ $# -gt 0 ]; do
  case $1 in
    --items) items=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    *) echo "usage: $0 [--items N] [--binary PATH]" >&2; exit 2 ;;
  esac
done
if [ -z "$binary" ]; then
  swift build -c release --product tickmark >/dev/null
  binary=$PWD/.build/release/tickmark
fi
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# measure NAME N COMMAND…: prints nothing, stores "seconds kilobytes" in results/NAME-N.
mkdir results
measure() {
  local name=$1 n=$2
  shift 2
  /usr/bin/time -f "%e %M" -o "results/$name-$n" "$@" >/dev/null 2>"results/$name-$n.err" || true
}

for n in "$items" $((items * 4)); do
  python3 - "$n" > "c$n.md" <<'PY'
import sys
n = int(sys.argv[1])
print("# Scale\n")
for i in range(n):
    print(f"- [ ] Manual item number {i} @owner")
PY
  measure lint "$n" "$binary" lint "c$n.md"
  measure show-json "$n" "$binary" show --json "c$n.md"
  measure run-record "$n" "$binary" run "c$n.md" --record "r$n.json"
  measure report-md "$n" "$binary" report "r$n.json"
  measure report-html "$n" "$binary" report "r$n.json" --format html -o "r$n.html"
  measure sign-off-all "$n" "$binary" sign-off "r$n.json" --all-waiting --by "Pat <pat@example.com>"
  measure report-signed "$n" "$binary" report "r$n.json"
done

printf '%-14s %10s %10s %7s %10s %10s %7s\n' command "time@$items" "time@$((items * 4))" ratio "MB@$items" "MB@$((items * 4))" ratio
for name in lint show-json run-record report-md report-html sign-off-all report-signed; do
  read -r t1 m1 < <(tail -1 "results/$name-$items")
  read -r t4 m4 < <(tail -1 "results/$name-$((items * 4))")
  awk -v n="$name" -v t1="$t1" -v t4="$t4" -v m1="$m1" -v m4="$m4" 'BEGIN {
    printf "%-14s %9.2fs %9.2fs %6.1fx %9.1f %9.1f %6.1fx\n", n, t1, t4, (t1 > 0 ? t4 / t1 : 0), m1 / 1024, m4 / 1024, (m1 > 0 ? m4 / m1 : 0)
  }'
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
