#!/usr/bin/env bash
# Ticks and unticks every item of many generated Markdown documents (see
# Tests/TickmarkTests/Properties/). Usage: scripts/fuzz.sh [CASES] [FIRST_SEED]
# Defaults: 100000 documents from seed 0. A failure prints the seed that rebuilds the document.
set -euo pipefail
cd "$(dirname "$0")/.."

cases="${1:-100000}"
seed="${2:-0}"

swift build --build-tests >/dev/null
start=$(date +%s.%N)
status=0
TICKMARK_FUZZ_CASES="$cases" TICKMARK_FUZZ_SEED="$seed" \
  swift test --skip-build --filter 'TickmarkTests.RandomDocumentTests/tickingAnyItemChangesOnlyItsBoxAndCanBeUndone' \
  2>&1 | grep -v '^◇' || status=$?
end=$(date +%s.%N)
python3 - "$start" "$end" "$cases" <<'PY'
import sys
start, end, cases = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
print(f"fuzz: {cases} documents in {end - start:.1f} s ({cases / (end - start):.0f} documents/s, including test start-up)")
PY
exit "$status"
