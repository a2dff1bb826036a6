#!/usr/bin/env bash
# Runner benchmarks, printed as ratios against baselines measured in the same rounds:
#   1. `tickmark run` of a checklist of 300 `probe: run true` items (--jobs 8) against
#      `xargs -P8 -I{} sh -c {}` over the same 300 commands (`true`; the process-spawn floor of
#      the machine). Measured twice: with `--record FILE` (the record written, as every real run
#      does by default; the file is removed before each run, so each run writes a new one, like
#      the default timestamped record) and with `--no-record`. Goal: at most 1.2x, each.
#   2. 100 `http` probes against a loopback endpoint that answers after 200 ms, with --jobs 20
#      and --no-record, against the ideal 100 / 20 * 0.2 s = 1.0 s (goal: at most 1.1x) and
#      against the same 100 requests made by curl, 20 at a time.
#
# How: the commands of a part run alternately, round after round (the order rotating each
# round), each straight from fork/execv with its output going to /dev/null; wall time is taken
# around the run, CPU time comes from wait4. Printed: medians, the ratio of the medians and the
# median of the per-round ("paired") ratios; goals use the paired ratio. On a shared or busy
# machine wall times are noisy: the 1-minute load average is printed with each part.
#
# Usage: scripts/bench-run.sh [--rounds N] [--baseline-binary PATH]
#   --rounds N             rounds per part (default 10; the RUNS environment variable also works)
#   --baseline-binary PATH another tickmark measured in the same rounds (before/after)
# Builds tickmark with `swift build -c release --static-swift-stdlib`. Exits 1 when a goal is
# missed.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${RUNS:-10}
baseline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --baseline-binary) baseline="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if [ -n "$baseline" ]; then
  [ -x "$baseline" ] || { echo "bench-run.sh: '$baseline' is not an executable" >&2; exit 2; }
  baseline=$(cd "$(dirname "$baseline")" && pwd)/$(basename "$baseline")
fi
for tool in xargs curl; do
  command -v "$tool" >/dev/null || { echo "bench-run.sh: needs $tool (scripts/setup.sh installs it)" >&2; exit 2; }
done

swift build -c release --static-swift-stdlib --product tickmark >/dev/null
tickmark="$(swift build -c release --static-swift-stdlib --show-bin-path)/tickmark"
work=$(mktemp -d)
trap 'kill ${server:-} 2>/dev/null || true; rm -rf "$work"' EXIT

{ echo "# Spawn"; for i in $(seq 1 300); do echo "- [ ] true $i \`probe: run true\`"; done; } > "$work/spawn.md"
for i in $(seq 1 300); do echo true; done > "$work/commands.txt"

# The slow endpoint: answers every GET after 200 ms, many at once.
cat > "$work/slow.py" <<'PY'
import http.server, socketserver, sys, time
class Slow(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(0.2)
        body = b"ok"
        self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *args): pass
class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    request_queue_size = 128
with Server(("127.0.0.1", 0), Slow) as server:
    print(server.server_address[1], flush=True)
    server.serve_forever()
PY
python3 "$work/slow.py" > "$work/port" & server=$!
for _ in $(seq 1 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
{ echo "# Slow"; for i in $(seq 1 100); do echo "- [ ] slow $i \`probe: http GET http://127.0.0.1:$port/$i status=200\`"; done; } > "$work/http.md"

python3 - "$work" "$rounds" "$tickmark" "$baseline" "$port" "$(command -v xargs)" "$(command -v curl)" <<'PY'
import os, statistics, sys, time

work, rounds, tickmark, baseline, port, xargs, curl = sys.argv[1], int(sys.argv[2]), *sys.argv[3:]
median = statistics.median
devnull = os.open(os.devnull, os.O_WRONLY)

def run(step):
    """One run straight from fork/execv: (wall ms, CPU ms). step: (argv, stdin path, file to remove first)."""
    argv, stdin, remove = step
    if remove and os.path.exists(remove):
        os.unlink(remove)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            if stdin:
                os.dup2(os.open(stdin, os.O_RDONLY), 0)
            os.dup2(devnull, 1)
            os.execv(argv[0], argv)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{' '.join(argv)} exited {code}")
    if remove and not os.path.exists(remove):
        sys.exit(f"{' '.join(argv)} wrote no record")
    return wall * 1000, (usage.ru_utime + usage.ru_stime) * 1000

def measure(steps, warmup=2):
    names = list(steps)
    samples = {name: [] for name in names}
    load = [os.getloadavg()[0]]
    for r in range(warmup + rounds):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            sample = run(steps[name])
            if r >= warmup:
                samples[name].append(sample)
    load.append(os.getloadavg()[0])
    return samples, load

def med(samples, name, field=0):
    return median(s[field] for s in samples[name])

def paired(samples, a, b):
    return median(x[0] / y[0] for x, y in zip(samples[a], samples[b]))

def show(samples, load, reference):
    print(f"  load average (1 min) {load[0]:.1f} before, {load[1]:.1f} after; {rounds} rounds")
    for name in samples:
        line = f"  {name:44} wall {med(samples, name):8.1f} ms  CPU {med(samples, name, 1):8.1f} ms"
        if name != reference:
            line += (f"  / {reference}: {med(samples, name) / med(samples, reference):.2f}x of medians, "
                     f"{paired(samples, name, reference):.2f}x paired")
        print(line, flush=True)

results = []
binaries = {"tickmark": tickmark}
if baseline:
    binaries["baseline tickmark"] = baseline

print("1. 300 `run true` probes, --jobs 8, against xargs -P8 over the same 300 commands")
spawn, record = f"{work}/spawn.md", f"{work}/record.json"
steps = {"xargs -P8 -I{} sh -c {}": ([xargs, "-P8", "-I{}", "sh", "-c", "{}"], f"{work}/commands.txt", None)}
for label, binary in binaries.items():
    steps[f"{label} run --record FILE"] = ([binary, "run", spawn, "--jobs", "8", "--record", record], None, record)
    steps[f"{label} run --no-record"] = ([binary, "run", spawn, "--jobs", "8", "--no-record"], None, None)
samples, load = measure(steps)
show(samples, load, "xargs -P8 -I{} sh -c {}")
for variant in ("--record FILE", "--no-record"):
    ratio = paired(samples, f"tickmark run {variant}", "xargs -P8 -I{} sh -c {}")
    results.append((f"run true x300 {variant}: {ratio:.2f}x xargs -P8 (paired), goal <= 1.2x", ratio <= 1.2))
if baseline:
    for variant in ("--record FILE", "--no-record"):
        print(f"  this / baseline, run {variant}: "
              f"{paired(samples, f'tickmark run {variant}', f'baseline tickmark run {variant}'):.2f}x paired")

print("\n2. 100 `http` probes answered after 200 ms, --jobs 20, against the ideal 1.0 s and curl")
http = f"{work}/http.md"
script = f"seq 1 100 | {xargs} -P20 -I{{}} {curl} -s -o /dev/null http://127.0.0.1:{port}/{{}}"
steps = {"curl via xargs -P20": (["/bin/sh", "-c", script], None, None)}
for label, binary in binaries.items():
    steps[f"{label} run --no-record"] = ([binary, "run", http, "--jobs", "20", "--no-record"], None, None)
samples, load = measure(steps, warmup=1)
show(samples, load, "curl via xargs -P20")
ideal = med(samples, "tickmark run --no-record") / 1000.0
results.append((f"http x100 at 200 ms: {ideal:.2f}x the ideal 1.0 s (median), goal <= 1.1x", ideal <= 1.1))

print()
for text, ok in results:
    print(f"{'PASS' if ok else 'FAIL'}  {text}")
sys.exit(0 if all(ok for _, ok in results) else 1)
PY
