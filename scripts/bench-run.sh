#!/usr/bin/env bash
# Runner benchmarks, printed as ratios against baselines measured in the same run:
#   1. 300 `run true` probes (--jobs 8) against `xargs -P8 sh -c true` over the same 300 commands
#      (the process-spawn floor on this machine). Goal: at most 1.2x.
#   2. 100 `http` probes against a loopback endpoint that answers after 200 ms, with --jobs 20,
#      against the ideal 100 / 20 * 0.2 s = 1.0 s. Goal: at most 1.1x.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product tickmark >/dev/null
tickmark="$PWD/.build/release/tickmark"
work=$(mktemp -d)
trap 'kill ${server:-} 2>/dev/null || true; rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now() { date +%s.%N; }
runs=${RUNS:-5}

# 1. Process spawn.
{ echo "# Spawn"; for i in $(seq 1 300); do echo "- [ ] true $i \`probe: run true\`"; done; } > "$work/spawn.md"
for i in $(seq 1 300); do echo true; done > "$work/commands.txt"
tick=(); floor=()
for _ in $(seq 1 "$runs"); do
  s=$(now); "$tickmark" run "$work/spawn.md" --jobs 8 --no-record >/dev/null; e=$(now); tick+=("$(echo "$e - $s" | bc)")
  s=$(now); xargs -P8 -I{} sh -c {} < "$work/commands.txt"; e=$(now); floor+=("$(echo "$e - $s" | bc)")
done
t=$(printf '%s\n' "${tick[@]}" | median); f=$(printf '%s\n' "${floor[@]}" | median)
printf 'run true x300 (jobs 8): tickmark %.3fs, xargs -P8 %.3fs, ratio %.2f (goal <= 1.20)\n' "$t" "$f" "$(echo "$t / $f" | bc -l)"

# 2. Slow HTTP endpoint.
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
times=(); curls=()
for _ in $(seq 1 "$runs"); do
  s=$(now); "$tickmark" run "$work/http.md" --jobs 20 --no-record >/dev/null; e=$(now); times+=("$(echo "$e - $s" | bc)")
  # The same 100 requests made by curl, 20 at a time: what this server and machine allow.
  s=$(now); seq 1 100 | xargs -P20 -I{} curl -s -o /dev/null "http://127.0.0.1:$port/{}"; e=$(now); curls+=("$(echo "$e - $s" | bc)")
done
h=$(printf '%s\n' "${times[@]}" | median); c=$(printf '%s\n' "${curls[@]}" | median)
printf 'http x100 at 200 ms (jobs 20): tickmark %.3fs, ideal 1.000s, ratio %.2f (goal <= 1.10); curl via xargs -P20 %.3fs, ratio %.2f\n' "$h" "$h" "$c" "$(echo "$h / $c" | bc -l)"
