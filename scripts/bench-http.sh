#!/usr/bin/env bash
# HTTP probe figures, this build against a baseline binary measured in the same rounds:
#   1. start-up: `tickmark --version`, and `tickmark run` of a checklist with one `http` probe
#      answered at once (libcurl is loaded by that probe only);
#   2. 100 `http` probes answered after 200 ms, with `--jobs 20` (ideal 1.0 s) and with the
#      default jobs (ideal 0.2 s: network probes should not wait behind a CPU-sized limit;
#      goal at most 1.3x the ideal), with `curl` beside them: 100 processes, and one process
#      with 100 parallel transfers (`curl -Z`);
#   3. peak memory (RSS) of `tickmark run` while a 100 MB body streams through one probe.
#
# Usage: scripts/bench-http.sh [--rounds N] [--baseline-binary PATH] [--binary PATH]
#   --binary PATH           the tickmark to measure (default: a release build of this tree,
#                           `swift build -c release --static-swift-stdlib`)
#   --baseline-binary PATH  another tickmark measured in the same rounds (before/after)
# Prints medians and the load average; exits 1 when the default-jobs goal is missed.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=15
baseline=""
binary=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --baseline-binary) baseline="$2"; shift 2 ;;
    --binary) binary="$2"; shift 2 ;;
    *) echo "usage: scripts/bench-http.sh [--rounds N] [--baseline-binary PATH] [--binary PATH]" >&2; exit 2 ;;
  esac
done
if [ -z "$binary" ]; then
  swift build -c release --static-swift-stdlib --product tickmark >/dev/null
  binary="$(swift build -c release --static-swift-stdlib --show-bin-path)/tickmark"
fi

work=$(mktemp -d)
trap 'kill $(cat "$work/server.pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"
git init -q .

python3 - "$work" <<'PY' &
import http.server, os, socketserver, sys, time
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args): pass
    def do_GET(self):
        if self.path.startswith("/slow"): time.sleep(0.2)
        if self.path.startswith("/stream"):
            size = 100 * 1000 * 1000
            self.send_response(200); self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(size)); self.send_header("Connection", "close"); self.end_headers()
            block = b"x" * 65536
            sent = 0
            while sent < size:
                part = block[: min(len(block), size - sent)]; self.wfile.write(part); sent += len(part)
            return
        body = b"ok"
        self.send_response(200); self.send_header("Content-Length", "2"); self.send_header("Connection", "close"); self.end_headers()
        self.wfile.write(body)
class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    request_queue_size = 256
server = Server(("127.0.0.1", 0), Handler)
open(sys.argv[1] + "/port", "w").write(str(server.server_address[1]))
open(sys.argv[1] + "/server.pid", "w").write(str(os.getpid()))
server.serve_forever()
PY
for _ in $(seq 1 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")

echo "- [ ] Fast \`probe: http GET http://127.0.0.1:$port/fast status=200\`" > one.md
{ echo "# Slow"; for i in $(seq 1 100); do echo "- [ ] slow $i \`probe: http GET http://127.0.0.1:$port/slow/$i status=200\`"; done; } > slow.md
echo "- [ ] Stream \`probe: http GET http://127.0.0.1:$port/stream status=200\`" > stream.md

python3 - "$rounds" "$binary" "$baseline" "$port" <<'PY'
import os, statistics, subprocess, sys, time
rounds, binary, baseline, port = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
binaries = {"this": binary}
if baseline: binaries["baseline"] = baseline
def timed(command):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start
def peak_kib(command):
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(result.stderr.strip().splitlines()[-1])
cases = {
    "--version": lambda b: [b, "--version"],
    "run, one http probe": lambda b: [b, "run", "one.md", "--no-record"],
}
slow_cases = {
    "100 http probes at 200 ms, --jobs 20": (lambda b: [b, "run", "slow.md", "--no-record", "--jobs", "20"], 1.0),
    "100 http probes at 200 ms, default jobs": (lambda b: [b, "run", "slow.md", "--no-record"], 0.2),
}
samples = {}
for _ in range(rounds):
    for label, build in cases.items():
        for name, path in binaries.items():
            samples.setdefault((label, name), []).append(timed(build(path)))
curl_all = ["sh", "-c", f"seq 1 100 | xargs -P100 -I{{}} curl -s -o /dev/null http://127.0.0.1:{port}/slow/{{}}"]
# One curl process, its 100 transfers on one libcurl multi handle, as Tickmark's.
curl_multi = ["curl", "-s", "-Z", "--parallel-immediate", "--parallel-max", "100"] + [f"http://127.0.0.1:{port}/slow/{i}" for i in range(1, 101)]
for _ in range(rounds):
    for label, (build, _) in slow_cases.items():
        for name, path in binaries.items():
            samples.setdefault((label, name), []).append(timed(build(path)))
    samples.setdefault(("curl", "xargs -P100"), []).append(timed(curl_all))
    samples.setdefault(("curl", "-Z"), []).append(timed(curl_multi))
load = os.getloadavg()[0]
print(f"load average at the end: {load:.2f}; rounds: {rounds} (slow cases too)")
failed = False
for label in list(cases) + list(slow_cases):
    line = f"{label}:"
    for name in binaries:
        line += f"  {name} {statistics.median(samples[(label, name)]) * 1000:.1f} ms"
    if label in slow_cases:
        ideal = slow_cases[label][1]
        ratio = statistics.median(samples[(label, 'this')]) / ideal
        line += f"  ({ratio:.2f}x the ideal {ideal:.1f} s)"
        if "default" in label and ratio > 1.3: failed = True
    print(line)
print(f"reference: 100 curl processes at once (xargs -P100): {statistics.median(samples[('curl', 'xargs -P100')]) * 1000:.1f} ms")
print(f"reference: one curl, 100 transfers at once (curl -Z --parallel-immediate --parallel-max 100): {statistics.median(samples[('curl', '-Z')]) * 1000:.1f} ms")
for name, path in binaries.items():
    print(f"peak RSS, 100 MB body streamed, {name}: {peak_kib([path, 'run', 'stream.md', '--no-record']) / 1024:.1f} MiB")
print(f"peak RSS, --version, this: {peak_kib([binary, '--version']) / 1024:.1f} MiB")
sys.exit(1 if failed else 0)
PY
