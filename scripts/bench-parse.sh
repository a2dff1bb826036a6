#!/usr/bin/env bash
# Parsing benchmark: `tickmark show --json` against `cmark-gfm -e tasklist --sourcepos -t xml`
# on one generated ~2 MB checklist of 30,000 task items, in the same run.
# Prints the median wall time and mean CPU time (hyperfine) and the median peak RSS (/usr/bin/time)
# of each, and the ratios against the goals (time <= 1.2x cmark-gfm, peak memory <= 1.5x). Wall
# times on a busy machine are noisy; CPU time is the steadier figure. Check the load with `uptime`.
# Usage: scripts/bench-parse.sh [RUNS]   (default 20; figures are written to .build/bench/)
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-20}"
out=.build/bench
mkdir -p "$out"

need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
command -v cmark-gfm >/dev/null || need+=(cmark-gfm)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need[@]}"
fi

checklist="$out/checklist-30k.md"
python3 - "$checklist" <<'PY'
import random, sys

random.seed(20240601)
words = ("deploy verify release build image tag changelog database migration backup canary rollout "
         "metrics alerts dashboard owner review approve staging production smoke test docs notes "
         "café naïve 發佈 🚀 config secrets rotate cache flush dns certificate region").split()
probes = ["`probe: run make test`", "`probe: git clean`", "`probe: http GET ${base_url}/health status=200`",
          "`probe: file CHANGELOG.md contains=\"## [${version}]\"`", "`probe: version stable ${version}`",
          "`probe: tcp db.internal:5432`", "`probe: env DATABASE_URL`"]

def text(n):
    return " ".join(random.choice(words) for _ in range(n))

lines = ["---", "title: Benchmark checklist", "vars:", "  base_url: https://staging.example.com",
         "  version: \"1.2.3\"", "---", "", "# Benchmark checklist", ""]
items = 0
section = 0
depth = 0
while items < 30000:
    if items % 50 == 0:
        section += 1
        lines += ["", f"## Section {section}: {text(3)}", ""]
        lines += [text(14) + ",", text(12) + ".", ""]
    depth = 0 if items % 50 == 0 else min(depth + 1, random.choice([0, 0, 0, 1, 1, 2]))
    box = random.choice(["[ ]", "[ ]", "[ ]", "[x]"])
    extra = " " + random.choice(probes) if random.random() < 0.2 else ""
    owner = " @release-team" if random.random() < 0.1 else ""
    lines.append("  " * depth + f"- {box} {text(random.randint(4, 9))}{owner}{extra}")
    items += 1
    if random.random() < 0.02:
        lines += ["", "  " * depth + "  " + text(10), ""]
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY

swift build -c release --static-swift-stdlib --product tickmark >/dev/null
tickmark=.build/release/tickmark
cmark=$(command -v cmark-gfm)

# Both read the same file and find the same 30,000 task items.
python3 - "$checklist" "$tickmark" "$cmark" <<'PY'
import json, os, subprocess, sys
path, tickmark, cmark = sys.argv[1:]
model = json.loads(subprocess.run([tickmark, "show", "--json", path], capture_output=True, check=True).stdout)
def count(items): return sum(1 + count(item["children"]) for item in items)
xml = subprocess.run([cmark, "-e", "tasklist", "--sourcepos", "-t", "xml", path], capture_output=True, check=True).stdout
print(f"file: {path}, {os.path.getsize(path) / 1e6:.2f} MB; task items: tickmark {count(model['items'])}, "
      f"cmark-gfm {xml.count(b'<tasklist ')}; tickmark diagnostics: {len(model['diagnostics'])}")
PY

hyperfine -N --warmup 3 --runs "$runs" --export-json "$out/time.json" \
  -n tickmark "$tickmark show --json $checklist" \
  -n cmark-gfm "$cmark -e tasklist --sourcepos -t xml $checklist" >"$out/hyperfine.txt"

# Peak resident memory, median of 9 runs each.
for name in tickmark cmark-gfm; do
  : >"$out/rss-$name.txt"
  for _ in 1 2 3 4 5 6 7 8 9; do
    if [ "$name" = tickmark ]; then
      /usr/bin/time -f %M -a -o "$out/rss-$name.txt" "$tickmark" show --json "$checklist" >/dev/null
    else
      /usr/bin/time -f %M -a -o "$out/rss-$name.txt" "$cmark" -e tasklist --sourcepos -t xml "$checklist" >/dev/null
    fi
  done
done

python3 - "$out" <<'PY'
import json, statistics, sys
out = sys.argv[1]
times = {r["command"]: r for r in json.load(open(f"{out}/time.json"))["results"]}
rss = {n: statistics.median(int(l) for l in open(f"{out}/rss-{n}.txt") if l.strip()) for n in ("tickmark", "cmark-gfm")}
cpu = {n: times[n]["user"] + times[n]["system"] for n in times}
for name in ("tickmark", "cmark-gfm"):
    r = times[name]
    print(f"{name:10} wall median {r['median'] * 1000:7.1f} ms (mean {r['mean'] * 1000:.1f} ± {r['stddev'] * 1000:.1f} ms, "
          f"{len(r['times'])} runs), CPU user+sys mean {cpu[name] * 1000:6.1f} ms, peak RSS median {rss[name] / 1024:6.1f} MiB")
time_ratio = times["tickmark"]["median"] / times["cmark-gfm"]["median"]
cpu_ratio = cpu["tickmark"] / cpu["cmark-gfm"]
rss_ratio = rss["tickmark"] / rss["cmark-gfm"]
print(f"ratio tickmark/cmark-gfm: wall time {time_ratio:.2f}x (goal <= 1.2x: {'met' if time_ratio <= 1.2 else 'missed'}), "
      f"CPU time {cpu_ratio:.2f}x, peak memory {rss_ratio:.2f}x (goal <= 1.5x: {'met' if rss_ratio <= 1.5 else 'missed'})")
PY
