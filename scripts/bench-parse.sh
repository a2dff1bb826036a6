#!/usr/bin/env bash
# Parsing benchmark: what users feel, and the guards against superlinear paths.
#
# Figures (each Tickmark command against cmark-gfm parsing the same file with the extensions
# Tickmark parses with, `cmark-gfm -e tasklist -e table -e strikethrough -e autolink --sourcepos
# -t xml`, measured in the same run):
#   - `tickmark lint FILE` and `tickmark show --json FILE` for each shipped checklist
#     (checklists/*.md) and for a generated realistic 100 KB checklist (sections, prose, tables,
#     code, items with inline and block probes);
#   - start-up: `tickmark --version` against `cmark-gfm --version`.
# Guards (PASS/FAIL; the script exits 1 when one fails):
#   - a generated 2 MB checklist of 30,000 task items: `show --json` and `lint` at most 2.5x
#     cmark-gfm's wall time and peak memory (the ratio against `cmark-gfm -e tasklist` alone,
#     which skips the table, strikethrough and autolink work, is printed beside it);
#   - the same checklist body ten times over (20 MB): at most 10.5x the 2 MB time.
#
# How: the commands of a figure run alternately, round after round (the order rotating each
# round), each straight from fork/execv with its output going to /dev/null; wall time is taken
# around the run, CPU time and peak RSS come from wait4. Printed: medians, the ratio of the
# medians and the median of the per-round ("paired") ratios, which drift of the machine's speed
# within a run moves less. Guards use the paired time ratio and the ratio of median peak RSS.
# On a shared or busy machine wall times are noisy: the 1-minute load average is printed with
# each figure; run again, with more rounds, before believing a small difference.
#
# Usage: scripts/bench-parse.sh [--rounds N] [--large-rounds N] [--baseline-binary PATH] [N]
#   --rounds N             rounds per figure (default 20; a bare number means the same)
#   --large-rounds N       rounds of the 20 MB guard (default 7)
#   --baseline-binary PATH another tickmark (say, a release build of main) measured in the same
#                          rounds: adds a column with its figures and this build's time against it
# Builds tickmark with `swift build -c release --static-swift-stdlib`; the generated files and
# every sample (JSON) are written to .build/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=20
large_rounds=7
baseline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --large-rounds) large_rounds="$2"; shift 2 ;;
    --baseline-binary) baseline="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    [0-9]*) rounds="$1"; shift ;;
    *) echo "bench-parse.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if [ -n "$baseline" ]; then
  [ -x "$baseline" ] || { echo "bench-parse.sh: '$baseline' is not an executable" >&2; exit 2; }
  baseline=$(cd "$(dirname "$baseline")" && pwd)/$(basename "$baseline")
fi

out=.build/bench
mkdir -p "$out"

if ! command -v cmark-gfm >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q cmark-gfm
fi

swift build -c release --static-swift-stdlib --product tickmark >/dev/null
built="$(swift build -c release --static-swift-stdlib --show-bin-path)/tickmark"
cmark=$(command -v cmark-gfm)
# Identical binaries show peak RSS about 1.4 MiB apart when one was written by the linker and the
# other by cp (the page cache holds them differently): both are measured from fresh copies.
tickmark="$PWD/$out/tickmark"
cp "$built" "$tickmark"
if [ -n "$baseline" ]; then
  cp "$baseline" "$out/tickmark-baseline"
  baseline="$PWD/$out/tickmark-baseline"
fi

# The generated checklists. The 2 MB one is the file docs/performance.md describes (same seed,
# same generator); the 20 MB one is its body ten times under one front matter, so ids repeat
# and get suffixes, as they would in a very long file.
python3 - "$out" <<'PY'
import random, sys

out = sys.argv[1]
words = ("deploy verify release build image tag changelog database migration backup canary rollout "
         "metrics alerts dashboard owner review approve staging production smoke test docs notes "
         "café naïve 發佈 🚀 config secrets rotate cache flush dns certificate region").split()

def text(n):
    return " ".join(random.choice(words) for _ in range(n))

# 2 MB, 30,000 items.
random.seed(20240601)
probes = ["`probe: run make test`", "`probe: git clean`", "`probe: http GET ${base_url}/health status=200`",
          "`probe: file CHANGELOG.md contains=\"## [${version}]\"`", "`probe: version stable ${version}`",
          "`probe: tcp db.internal:5432`", "`probe: env DATABASE_URL`"]
front = ["---", "title: Benchmark checklist", "vars:", "  base_url: https://staging.example.com",
         "  version: \"1.2.3\"", "---", "", "# Benchmark checklist", ""]
lines = []
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
open(f"{out}/checklist-2mb.md", "w", encoding="utf-8").write("\n".join(front + lines) + "\n")
open(f"{out}/checklist-20mb.md", "w", encoding="utf-8").write("\n".join(front + lines * 10) + "\n")

# A realistic 100 KB checklist: what a large real one looks like.
random.seed(100)
inline = ["`probe: run make test`", "`probe: git clean`", "`probe: git branch main`",
          "`probe: git synced origin/main`", "`probe: http GET ${base_url}/health status=200`",
          "`probe: file CHANGELOG.md contains=\"## [${version}]\"`", "`probe: version stable ${version}`",
          "`probe: version semver ${version}`", "`probe: changelog ${version}`", "`probe: tcp db.internal:5432`",
          "`probe: tls ${api_host}:443 days=14`", "`probe: env DATABASE_URL REDIS_URL`",
          "`probe: run ./scripts/smoke.sh --env ${env}`", "`probe: checklist staging`"]
blocks = [
    ["```probe", "http: GET ${base_url}/api/version", "expect:", "  status: 200",
     "  json: { commit: \"${git.head}\" }", "  under: 800ms", "retry: { attempts: 10, interval: 5s }",
     "timeout: 10s", "```"],
    ["```probe", "run: gh pr view release/v${version} --json state --jq .state", "stdout: MERGED", "```"],
    ["```probe", "run: kubectl rollout status deploy/api --timeout=120s", "timeout: 150s", "```"],
]
owners = ["@release-manager", "@on-call", "@qa", "@security", "@engineering-lead", "@ops"]
out_lines = ["---", "id: big-release", "title: Big release", "vars:", "  base_url: https://api.example.com",
             "  api_host: api.example.com", "  version: \"1.4.0\"", "  env: production", "requires: [staging]",
             "defaults: { timeout: 30s, retries: 0 }", "---", "", "# Big release", "",
             "The whole release of the platform, from the freeze to the watch period. Run it with",
             "`tickmark run big-release.md --var version=1.4.0` from an up-to-date **main**.", ""]
phase = 0
while sum(len(line.encode()) + 1 for line in out_lines) < 100_000:
    phase += 1
    out_lines += [f"## Phase {phase}: {text(3)}", "", text(12) + " [runbook](https://wiki.example.com/runbooks/"
                  f"{phase}) and *{text(2)}*,", text(10) + " `" + text(1) + "`.", ""]
    if phase % 3 == 0:
        out_lines += ["| service | owner | window |", "| --- | --- | --- |"]
        out_lines += [f"| {text(1)} | {random.choice(owners)} | {random.randint(1, 23)}:00 UTC |" for _ in range(4)]
        out_lines += [""]
    if phase % 4 == 0:
        out_lines += ["```sh", f"kubectl -n {text(1)} get pods", f"tickmark run big-release.md --section 'Phase {phase}'",
                      "```", ""]
    for sub in range(random.randint(1, 2)):
        if sub:
            out_lines += [f"### {text(2)}", ""]
        depth = 0
        for n in range(random.randint(6, 12)):
            depth = 0 if n == 0 else min(depth + 1, random.choice([0, 0, 0, 1, 1, 2]))
            pad = "  " * depth
            box = random.choice(["[ ]", "[ ]", "[ ]", "[x]"])
            words_ = text(random.randint(4, 10))
            roll = random.random()
            if roll < 0.03:
                words_ = f"~~{words_}~~"
            elif roll < 0.06:
                box = "[~]"
            elif roll < 0.12:
                words_ = "(Optional) " + words_
            owner = f" {random.choice(owners)}" if random.random() < 0.3 else ""
            if random.random() < 0.15:
                out_lines.append(f"{pad}- {box} {words_}{owner}")
                out_lines += [pad + "  " + line for line in random.choice(blocks)]
            else:
                probe = " " + random.choice(inline) if random.random() < 0.45 else ""
                out_lines.append(f"{pad}- {box} {words_}{owner}{probe}")
        out_lines += [""]
open(f"{out}/checklist-100kb.md", "w", encoding="utf-8").write("\n".join(out_lines) + "\n")
PY

# Both tools must read the generated files the same way, or the comparison means nothing. (In
# its own process: the measuring process must stay small, see the note on peak RSS below.)
python3 - "$out" "$tickmark" "$cmark" <<'PY'
import json, os, subprocess, sys
out, tickmark, cmark = sys.argv[1:]
PARSE = ["-e", "tasklist", "-e", "table", "-e", "strikethrough", "-e", "autolink", "--sourcepos", "-t", "xml"]
def count(items): return sum(1 + count(item["children"]) for item in items)
for name in ("checklist-100kb.md", "checklist-2mb.md", "checklist-20mb.md"):
    path = f"{out}/{name}"
    model = json.loads(subprocess.run([tickmark, "show", "--json", path], capture_output=True).stdout)
    xml = subprocess.run([cmark, *PARSE, path], capture_output=True, check=True).stdout
    # `- [~]` items are Tickmark's (N/A); cmark-gfm does not see them as tasks.
    ours, theirs = count(model["items"]), xml.count(b"<tasklist ") + open(path, "rb").read().count(b"- [~] ")
    print(f"{path}: {os.path.getsize(path) / 1e6:.2f} MB; task items: tickmark {ours}, cmark-gfm {theirs}"
          f"{'' if ours == theirs else ' (DIFFERENT)'} (with [~] items); tickmark diagnostics: {len(model['diagnostics'])}")
PY

python3 - "$out" "$rounds" "$large_rounds" "$tickmark" "$cmark" "$baseline" <<'PY'
import json, os, statistics, subprocess, sys, time

out, rounds, large_rounds, tickmark, cmark, baseline = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), *sys.argv[4:]
devnull = os.open(os.devnull, os.O_WRONLY)
median = statistics.median

def run(argv):
    """One run straight from fork/execv: (wall ms, CPU ms, peak RSS MiB)."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            os.execv(argv[0], argv)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):   # lint exits 1 on errors; anything else is a crash or a usage error
        sys.exit(f"{' '.join(argv)} exited {code}")
    return wall * 1000, (usage.ru_utime + usage.ru_stime) * 1000, usage.ru_maxrss / 1024

figures = []

def measure(label, commands, rounds, warmup=3):
    """Runs the commands alternately, `rounds` rounds after `warmup`; returns the figure."""
    names = list(commands)
    samples = {name: [] for name in names}
    load = [os.getloadavg()[0]]
    for r in range(warmup + rounds):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            sample = run(commands[name])
            if r >= warmup:
                samples[name].append(sample)
    load.append(os.getloadavg()[0])
    figure = {"label": label, "rounds": rounds, "load": load, "samples": samples}
    figures.append(figure)
    return figure

def med(figure, name, field):   # field: 0 wall, 1 CPU, 2 RSS
    return median(s[field] for s in figure["samples"][name])

def paired(figure, a, b, field=0):
    return median(x[field] / y[field] for x, y in zip(figure["samples"][a], figure["samples"][b]))

# A process started from this one reports at least this one's size as its peak RSS (Linux keeps
# the size before execv in the child's ru_maxrss): measured here with /bin/true. A peak at that
# floor means "this much or less", and no memory ratio is printed for it.
floor = median(run(["/bin/true"])[2] for _ in range(5))

def memory(figure, name):
    value = med(figure, name, 2)
    return f"<={floor:5.1f} MiB" if value <= floor * 1.05 else f"{value:7.1f} MiB"

def memory_ratio(figure, a, b):
    x, y = med(figure, a, 2), med(figure, b, 2)
    return "  floor" if min(x, y) <= floor * 1.05 else f"{x / y:6.2f}x"

def versus(figure, a, b):
    """Time ratio of the medians / median of the per-round ratios, then the memory ratio."""
    return (f"{med(figure, a, 0) / med(figure, b, 0):5.2f}x /{paired(figure, a, b):5.2f}x "
            f"{memory_ratio(figure, a, b)}")

def row(figure, ours="tickmark", theirs="cmark-gfm"):
    cells = [f"{figure['label']:42}",
             f"{med(figure, ours, 0):8.1f} ms {memory(figure, ours)}",
             f"{med(figure, theirs, 0):8.1f} ms {memory(figure, theirs)}",
             versus(figure, ours, theirs)]
    if baseline:
        cells += [f"{med(figure, 'baseline', 0):8.1f} ms {memory(figure, 'baseline')}",
                  versus(figure, ours, "baseline")]
    cells.append(f"{figure['load'][0]:4.1f} {figure['load'][1]:4.1f}")
    print(" | ".join(cells), flush=True)

def header():
    cells = [f"{'figure (medians of the rounds)':42}", f"{'tickmark':23}", f"{'cmark-gfm':23}",
             f"{'time (ratio / paired), memory':27}"]
    if baseline:
        cells += [f"{'baseline tickmark':23}", f"{'this / baseline':27}"]
    cells.append("load")
    print(" | ".join(cells))

def commands_for(args, theirs):
    commands = {"tickmark": [tickmark, *args], "cmark-gfm": theirs}
    if baseline:
        commands["baseline"] = [baseline, *args]
    return commands

# The parse Tickmark does: GitHub's task list, table, strikethrough and autolink extensions.
PARSE = ["-e", "tasklist", "-e", "table", "-e", "strikethrough", "-e", "autolink", "--sourcepos", "-t", "xml"]

def xml(path):
    return [cmark, *PARSE, path]

def tasklist_only(path):
    return [cmark, "-e", "tasklist", "--sourcepos", "-t", "xml", path]

print(f"What users feel ({rounds} rounds each; ratios: tickmark / cmark-gfm; wall time, peak RSS; "
      f"load: 1-minute load average before, after; peak RSS floor {floor:.1f} MiB)")
header()
row(measure("--version (start-up)", commands_for(["--version"], [cmark, "--version"]), rounds))
shipped = sorted(f"checklists/{name}" for name in os.listdir("checklists") if name.endswith(".md"))
for path in shipped + [f"{out}/checklist-100kb.md"]:
    for command in (["lint"], ["show", "--json"]):
        label = f"{' '.join(command)} {os.path.basename(path)} ({os.path.getsize(path) // 1000} KB)"
        row(measure(label, commands_for([*command, path], xml(path)), rounds))

print(f"\nGuards ({rounds} rounds for 2 MB, {large_rounds} for 20 MB)")
header()
results = []
two, twenty = f"{out}/checklist-2mb.md", f"{out}/checklist-20mb.md"
for command in (["show", "--json"], ["lint"]):
    name = " ".join(command)
    commands = commands_for([*command, two], xml(two))
    commands["cmark-gfm -e tasklist"] = tasklist_only(two)
    figure = measure(f"{name} 2 MB, 30,000 items", commands, rounds)
    row(figure)
    time_ratio = paired(figure, "tickmark", "cmark-gfm")
    rss_ratio = med(figure, "tickmark", 2) / med(figure, "cmark-gfm", 2)
    cpu_ratio = med(figure, "tickmark", 1) / med(figure, "cmark-gfm", 1)
    alone = paired(figure, "tickmark", "cmark-gfm -e tasklist")
    results.append((f"{name} 2 MB: time {time_ratio:.2f}x cmark-gfm (paired; CPU time {cpu_ratio:.2f}x; "
                    f"{alone:.2f}x `cmark-gfm -e tasklist` alone), goal <= 2.5x", time_ratio <= 2.5))
    results.append((f"{name} 2 MB: peak memory {rss_ratio:.2f}x cmark-gfm, goal <= 2.5x", rss_ratio <= 2.5))

    commands = {"tickmark": [tickmark, *command, twenty], "tickmark 2 MB": [tickmark, *command, two],
                "cmark-gfm": xml(twenty), "cmark-gfm 2 MB": xml(two)}
    if baseline:
        commands["baseline"] = [baseline, *command, twenty]
    figure = measure(f"{name} 20 MB (2 MB x10)", commands, large_rounds, warmup=1)
    row(figure)
    scale = paired(figure, "tickmark", "tickmark 2 MB")
    of_medians = med(figure, "tickmark", 0) / med(figure, "tickmark 2 MB", 0)
    cpu_scale = med(figure, "tickmark", 1) / med(figure, "tickmark 2 MB", 1)
    theirs = paired(figure, "cmark-gfm", "cmark-gfm 2 MB")
    results.append((f"{name} 20 MB: {scale:.2f}x the 2 MB time (paired; of medians {of_medians:.2f}x; CPU time "
                    f"{cpu_scale:.2f}x; 2 MB took {med(figure, 'tickmark 2 MB', 0):.1f} ms in these rounds; "
                    f"cmark-gfm's own 20 MB / 2 MB: {theirs:.2f}x), goal <= 10.5x", scale <= 10.5))

print()
for text, ok in results:
    print(f"{'PASS' if ok else 'FAIL'}  {text}")
with open(f"{out}/parse-samples.json", "w") as f:
    json.dump({"figures": figures}, f)
print(f"\nsamples: {out}/parse-samples.json; load average now {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores: "
      f"above that, runs wait for a core and wall times are noisy)")
sys.exit(0 if all(ok for _, ok in results) else 1)
PY
