#!/usr/bin/env bash
# Renders docs/board-example.png and docs/audit-pack-example.png with headless Chromium from a
# scratch project: three checklists of a release (staging GO; production NO-GO with a failing
# probe, a sign-off waiting, an approval rule one approval short, evidence about to expire and a
# watch period; rollback not run yet) and a ledger of three releases.
#
#   scripts/render-examples.sh [--binary PATH]     (default: .build/debug/tickmark, built when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
binary=$root/.build/debug/tickmark
[ "${1:-}" = "--binary" ] && binary=$2
[ -x "$binary" ] || swift build --product tickmark
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "render-examples.sh: chromium is missing (scripts/setup.sh installs it)" >&2; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
mkdir -p .tickmark/runs
cat > .tickmark/roster.yml <<'YML'
people:
  ana@example.com: { name: Ana Lima }
  bo@example.com: { name: Bo Berg }
  chen@example.com: { name: Chen Wu }
roles:
  release-manager: [ana@example.com, bo@example.com, chen@example.com]
YML
cat > staging.md <<'MD'
---
id: staging
---
# Staging

- [ ] Deploy to staging succeeded `probe: run true`
- [ ] Smoke tests pass `probe: file staging.md fresh=10m warn=9m55s`
- [ ] Release notes reviewed @ana
MD
cat > production.md <<'MD'
---
id: production
requires: [staging]
---
# Production

- [ ] Database migration applied `probe: run true`
- [ ] Error rate below 1% `probe: run sh -c 'echo "error rate 3.2%"; exit 1'`
- [ ] Rollback plan reviewed @ana @bo
- [ ] Security review of the auth change @chen
- [ ] Production deploy approved `approve: 2 @release-manager`
- [ ] (Optional) Changelog posted
MD
cat > rollback.md <<'MD'
---
id: rollback
requires: [production]
---
# Rollback drill

- [ ] Previous version restorable `probe: run true`
- [ ] On-call informed @ops
MD
v=(--var version=2.4.0)
"$binary" run staging.md "${v[@]}" --record .tickmark/runs/staging.json >/dev/null || true
"$binary" sign-off .tickmark/runs/staging.json "release notes" --by "Ana Lima <ana@example.com>" --role release-manager >/dev/null
"$binary" run production.md "${v[@]}" --record .tickmark/runs/production.json >/dev/null || true
"$binary" sign-off .tickmark/runs/production.json "production deploy approved" --by "Ana Lima <ana@example.com>" >/dev/null
# The watch takes 8 s: staging's smoke-test evidence (fresh for 10 minutes) is then inside its warn: time.
"$binary" watch production.md "${v[@]}" --for 8s --every 1s --tolerate 1 --keep-going --record .tickmark/runs/watch.json >/dev/null 2>&1 || true
"$binary" board staging.md production.md rollback.md -o board.html 2>/dev/null || true
for version in 2.2.0 2.3.0 2.4.0; do
  "$binary" run staging.md --var version=$version --record "r-$version.json" >/dev/null || true
  "$binary" sign-off "r-$version.json" "release notes" --by "Ana Lima <ana@example.com>" --role release-manager >/dev/null
  "$binary" ledger add "r-$version.json" >/dev/null
done
"$binary" ledger export --from 2026-01-01 --to 2036-12-31 -o pack >/dev/null
shot() { # html png height
  "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,"$3" --screenshot="$2" "file://$1" >/dev/null 2>&1
}
shot "$scratch/board.html" "$root/docs/board-example.png" 1500
shot "$scratch/pack/index.html" "$root/docs/audit-pack-example.png" 1500
echo "wrote docs/board-example.png and docs/audit-pack-example.png"
