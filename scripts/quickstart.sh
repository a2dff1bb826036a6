#!/usr/bin/env bash
# One command for a newcomer: installs what is missing, builds tickmark, lints the shipped
# checklists, shows one, and runs a shipped checklist against this repository.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
echo "== building tickmark (release; the first build takes a few minutes)"
swift build -c release --static-swift-stdlib --product tickmark
tickmark=.build/release/tickmark

echo "== tickmark lint checklists/"
"$tickmark" lint checklists/ RELEASING.md .github/pull_request_template.md

echo "== tickmark show checklists/pre-merge.md"
"$tickmark" show checklists/pre-merge.md | head -n 30
echo "   …"

echo "== tickmark run checklists/pre-merge.md --section Branch (against this repository)"
set +e
"$tickmark" run checklists/pre-merge.md --section Branch --no-record
status=$?
set -e
echo
echo "tickmark exited $status (0 = GO, 1 = NO-GO). The binary is $tickmark; try:"
echo "  $tickmark --help"
echo "  $tickmark run checklists/production-readiness.md --dry-run"
