#!/usr/bin/env bash
# Parsing benchmark: `tickmark show --json` against `cmark-gfm -e tasklist --sourcepos -t xml`
# on one generated ~2 MB checklist of 30,000 task items, in the same run.
# Prints the median wall time, CPU time and peak RSS of each (the two run alternately, RUNS rounds
# after three warm-up rounds) and the ratios against the goals (time <= 1.2x cmark-gfm, peak
# memory <= 1.5x). Wall times on a busy machine are noisy; check the load with `uptime`.
# Usage: scripts/bench-parse.sh [RUNS]   (default 20; figures are written to .build/bench/)
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-20}"
out=.build/bench
mkdir -p "$out"

need=()
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

# The two commands run alternately, round after round, so that both meet the same machine: on a
# shared virtual machine speed drifts over seconds, and timing one command's runs after the
# other's would put the drift into the ratio. Each run's wall time, CPU time and peak RSS come
# from the process itself (wait4), with no shell in between.
python3 - "$out" "$runs" "$checklist" "$tickmark" "$cmark" <<'PY'
import json, os, statistics, sys, time
out, runs, path, tickmark, cmark = sys.argv[1], int(sys.argv[2]), *sys.argv[3:]
commands = {"tickmark": [tickmark, "show", "--json", path],
            "cmark-gfm": [cmark, "-e", "tasklist", "--sourcepos", "-t", "xml", path]}
devnull = os.open(os.devnull, os.O_WRONLY)

def run(argv):
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.dup2(devnull, 1)
        os.execv(argv[0], argv)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{argv[0]} failed")
    return wall * 1000, (usage.ru_utime + usage.ru_stime) * 1000, usage.ru_maxrss / 1024

samples = {name: [] for name in commands}
for round in range(runs + 3):
    for name, argv in commands.items():
        sample = run(argv)
        if round >= 3:   # the first rounds warm the page cache
            samples[name].append(sample)
json.dump(samples, open(f"{out}/samples.json", "w"))

summary = {}
for name in commands:
    wall, cpu, rss = (statistics.median(s[i] for s in samples[name]) for i in range(3))
    summary[name] = (wall, cpu, rss)
    walls = sorted(s[0] for s in samples[name])
    print(f"{name:10} wall median {wall:7.1f} ms (fastest {walls[0]:.1f}, slowest {walls[-1]:.1f}, {len(walls)} runs), "
          f"CPU median {cpu:6.1f} ms, peak RSS median {rss:6.1f} MiB")
pairs = [t[0] / c[0] for t, c in zip(samples["tickmark"], samples["cmark-gfm"])]
time_ratio = summary["tickmark"][0] / summary["cmark-gfm"][0]
cpu_ratio = summary["tickmark"][1] / summary["cmark-gfm"][1]
rss_ratio = summary["tickmark"][2] / summary["cmark-gfm"][2]
print(f"ratio tickmark/cmark-gfm: wall time {time_ratio:.2f}x (goal <= 1.2x: {'met' if time_ratio <= 1.2 else 'missed'}; "
      f"median of the {len(pairs)} round ratios {statistics.median(pairs):.2f}x), CPU time {cpu_ratio:.2f}x, "
      f"peak memory {rss_ratio:.2f}x (goal <= 1.5x: {'met' if rss_ratio <= 1.5 else 'missed'})")
PY
