#!/usr/bin/env bash
# Ledger and board timings: `ledger add` (one more entry) and `ledger verify` at 1,000 and 10,000
# entries, on SQLite and on a throw-away PostgreSQL server; `board` over 100 and 1,000 records.
# The large ledgers are filled directly (a valid chain written by Python, then appended to by
# Tickmark), so the figures time Tickmark, not 10,000 process starts.
#
#   scripts/bench-ledger.sh [--binary PATH] [--rounds N]   (default: .build/release/tickmark, built when missing; 3 rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
binary=$root/.build/release/tickmark
rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-ledger.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ -x "$binary" ] || swift build -c release --product tickmark
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
scratch=$(mktemp -d); chmod 755 "$scratch"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
as_pg() { if [ "$(id -u)" -eq 0 ]; then setpriv --reuid=postgres --regid=postgres --init-groups "$@"; else "$@"; fi; }
cleanup() { [ -f "$scratch/pg/postmaster.pid" ] && as_pg "$pg_bin/pg_ctl" -D "$scratch/pg" stop -m immediate >/dev/null 2>&1; rm -rf "$scratch"; }
trap cleanup EXIT
cd "$scratch"
printf -- '---\nid: releasing\n---\n# Releasing\n\n- [ ] Build `probe: run true`\n- [ ] Rollback plan @ana\n' > RELEASING.md
"$binary" run RELEASING.md --var version=1.0.0 --record release.json >/dev/null 2>&1 || true

# fill NAME COUNT FORMAT: a valid chain of COUNT entries as SQL (sqlite or postgres)
fill() {
  python3 - "$1" "$2" "$3" <<'PY'
import hashlib, json, sys
path, count, flavour = sys.argv[1], int(sys.argv[2]), sys.argv[3]
record = open("release.json", "rb").read()
digest = hashlib.sha256(record).hexdigest()
out = open(path, "w")
out.write("BEGIN;\n")
out.write("CREATE TABLE IF NOT EXISTS tickmark_ledger_entries (sequence BIGINT PRIMARY KEY, previous TEXT NOT NULL UNIQUE, hash TEXT NOT NULL, body TEXT NOT NULL, signature TEXT);\n")
out.write("CREATE TABLE IF NOT EXISTS tickmark_ledger_files (sha256 TEXT PRIMARY KEY, content BYTEA NOT NULL);\n")
hexed = record.hex()
out.write("INSERT INTO tickmark_ledger_files VALUES ('%s', %s);\n" % (digest, ("X'%s'" % hexed) if flavour == "sqlite" else ("'\\x%s'::bytea" % hexed)))
previous = "0" * 64
for n in range(1, count + 1):
    stamp = "2026-%02d-%02dT12:00:00.000Z" % (1 + n % 12, 1 + n % 28)
    body = json.dumps({"schema": "tickmark.ledger/v1", "sequence": n, "previous": previous, "addedAt": stamp, "addedBy": "bench@ci",
        "release": {"decision": "GO", "version": "1.%d.0" % n, "commit": "%040x" % n, "releasedAt": stamp,
                    "checklists": [{"id": "releasing", "path": "RELEASING.md", "sha256": "a" * 64, "decision": "GO"}],
                    "approvers": [{"by": "Ana Lima <ana@example.com>", "checklist": "releasing", "item": "rollback-plan", "decision": "approve",
                                   "at": stamp, "validity": "valid", "signed": False}]},
        "files": [{"role": "record", "name": "release.json", "sha256": digest, "size": len(record)}]}, separators=(",", ":"))
    h = hashlib.sha256(body.encode()).hexdigest()
    out.write("INSERT INTO tickmark_ledger_entries VALUES (%d, '%s', '%s', '%s', NULL);\n" % (n, previous, h, body.replace("'", "''")))
    previous = h
out.write("COMMIT;\n")
PY
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
timed() { # command… → seconds (median of rounds)
  for _ in $(seq "$rounds"); do
    start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N)
    echo "$end - $start" | bc
  done | median
}

echo "binary: $binary"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %8s %12s %12s\n' store entries "add (s)" "verify (s)"
for count in 1000 10000; do
  fill "sqlite-$count.sql" "$count" sqlite
  rm -f "l-$count.sqlite"; sqlite3 "l-$count.sqlite" < "sqlite-$count.sql"
  add=$(timed "$binary" ledger add release.json --ledger "l-$count.sqlite")
  verify=$(timed "$binary" ledger verify --ledger "l-$count.sqlite")
  "$binary" ledger verify --ledger "l-$count.sqlite" >/dev/null || { echo "the filled SQLite ledger does not verify" >&2; exit 1; }
  printf '%-10s %8s %12s %12s\n' sqlite "$count" "$add" "$verify"
done
if [ -n "$pg_bin" ] && command -v psql >/dev/null; then
  mkdir pg; [ "$(id -u)" -eq 0 ] && chown postgres pg; chmod 700 pg
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  as_pg "$pg_bin/initdb" -D "$scratch/pg" -A trust -U postgres >/dev/null
  as_pg "$pg_bin/pg_ctl" -D "$scratch/pg" -o "-p $port -k $scratch/pg -c listen_addresses=127.0.0.1" -l "$scratch/pg/log" start -w >/dev/null
  for count in 1000 10000; do
    url="postgres://postgres@127.0.0.1:$port/postgres"
    psql -X -q "$url" -c "CREATE DATABASE l$count" >/dev/null
    url="postgres://postgres@127.0.0.1:$port/l$count"
    fill "pg-$count.sql" "$count" postgres
    psql -X -q -v ON_ERROR_STOP=1 "$url" -f "pg-$count.sql" >/dev/null
    add=$(timed "$binary" ledger add release.json --ledger "$url")
    verify=$(timed "$binary" ledger verify --ledger "$url")
    "$binary" ledger verify --ledger "$url" >/dev/null || { echo "the filled PostgreSQL ledger does not verify" >&2; exit 1; }
    printf '%-10s %8s %12s %12s\n' postgres "$count" "$add" "$verify"
  done
else
  echo "postgres: skipped (PostgreSQL is not installed; scripts/setup.sh installs it)"
fi
printf '%-10s %8s %12s\n' board records "board (s)"
for count in 100 1000; do
  rm -rf "records-$count"; mkdir -p "records-$count/runs"
  for i in $(seq "$count"); do cp release.json "records-$count/runs/r-$i.json"; done
  board=$(timed "$binary" board RELEASING.md --records "records-$count" -o board.html)
  printf '%-10s %8s %12s\n' board "$count" "$board"
done
