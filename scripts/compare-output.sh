#!/usr/bin/env bash
# Checks that the working tree's `tickmark` shows users exactly what a base revision's does.
#
# Builds `tickmark` (debug) twice: from the base revision, in a git worktree under
# .build-compare/base (ignored by git; the build there is reused while the revision's commit stays
# the same), and from the working tree as it is, uncommitted changes included. Then runs both,
# from the repository root and with the same arguments, and compares stdout, stderr and exit code
# byte for byte:
#   - `show --json`, `show`, `lint` and `lint --format json` of every .md and .txt file under the
#     PATHs (files or folders; default: checklists/, RELEASING.md,
#     .github/pull_request_template.md, the Markdown files under Tests/, and
#     $TICKMARK_CORPUS/files when that variable is set) and of generated edge cases
#     (.build-compare/edge/: BOM, CRLF, lone CR, NUL byte, invalid UTF-8, 10,000-deep nesting,
#     tasks in block quotes, `[~]`, struck items, front matter errors, probe errors, a large file);
#   - the standard checklists as a folder, `run --dry-run`, `--help` of every command and
#     `probes` of every kind;
#   - reports: a checklist whose probes give the same result every time (`run true`, `run false`,
#     `file`, `version`, `changelog`) is run once by the base build (`run --record`); both builds
#     then render that record with `report --format md|html|json|junit --at T`, sign off items in
#     copies of it (`sign-off`, once with `--key`; both runs start just after a second boundary so
#     that their timestamps match, retried when they do not), render the signed-off record, and
#     `sign` and `verify` the Markdown report (sshsig and DSSE; Ed25519 signatures are
#     deterministic). Written files are compared too.
# Prints one line per category and the start of a unified diff of each difference; exits 1 when
# anything differs, 2 when something could not be built or set up.
#
# Usage: scripts/compare-output.sh [--base REV] [PATH...]
#   --base REV   the revision to compare against (default: origin/main when that exists, else
#                main). To check a commit rather than uncommitted work, use --base HEAD~1 with
#                a clean working tree.
# Seeds and other folders are compared only when passed, e.g.
#   TICKMARK_CORPUS=../corpus scripts/compare-output.sh checklists ../seeds
set -euo pipefail
root=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
cd "$root"

base=""
paths=()
while [ $# -gt 0 ]; do
  case "$1" in
    --base) base="$2"; shift 2 ;;
    --base=*) base="${1#--base=}"; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "compare-output.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    *) paths+=("$1"); shift ;;
  esac
done
if [ -z "$base" ]; then
  if git rev-parse --verify -q origin/main >/dev/null; then base=origin/main; else base=main; fi
fi
commit=$(git rev-parse --verify -q "$base^{commit}") || { echo "compare-output.sh: no revision '$base'" >&2; exit 2; }

compare=.build-compare
tree="$compare/base"
stamp="$compare/base.commit"
mkdir -p "$compare"
if [ -x "$tree/.build/debug/tickmark" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$commit" ]; then
  echo "base: $base ($(git rev-parse --short "$commit")), build reused" >&2
else
  echo "base: $base ($(git rev-parse --short "$commit")), building in $tree" >&2
  rm -f "$stamp"
  if [ -e "$tree/.git" ]; then
    git -C "$tree" checkout -q --detach --force "$commit"
  else
    git worktree prune
    git worktree add -q --detach "$tree" "$commit"
  fi
  # Resolve dependencies to the versions the working tree uses, unless the revision pins its own.
  if [ -f Package.resolved ] && ! git cat-file -e "$commit:Package.resolved" 2>/dev/null; then
    cp Package.resolved "$tree/Package.resolved"
  fi
  (cd "$tree" && swift build --product tickmark) >&2 || { echo "compare-output.sh: the base build failed" >&2; exit 2; }
  echo "$commit" > "$stamp"
fi
echo "working tree: building" >&2
swift build --product tickmark >&2 || { echo "compare-output.sh: the working tree's build failed" >&2; exit 2; }

exec python3 - "$tree/.build/debug/tickmark" ".build/debug/tickmark" "$compare" "${paths[@]}" <<'PY'
import concurrent.futures, difflib, os, random, re, shutil, subprocess, sys, threading, time

base_bin, new_bin, compare_dir, *paths = sys.argv[1:]
base_bin, new_bin = os.path.abspath(base_bin), os.path.abspath(new_bin)
TIMEOUT = 600

# ---------------------------------------------------------------------------------------------
# Inputs

def markdown_under(path):
    if os.path.isfile(path):
        return [path]
    found = []
    for folder, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".build"))
        found += [os.path.join(folder, f) for f in sorted(files) if f.lower().endswith((".md", ".txt"))]
    return found

if not paths:
    paths = ["checklists", "RELEASING.md", ".github/pull_request_template.md"]
    paths += [p for p in markdown_under("Tests") if p.endswith(".md")]
    corpus = os.environ.get("TICKMARK_CORPUS")
    if corpus:
        paths.append(os.path.join(corpus, "files"))
files = []
for path in paths:
    if not os.path.exists(path):
        sys.exit(f"compare-output.sh: no such file or folder: {path}")
    files += [f for f in markdown_under(path) if f not in files]

def generate_edge_cases(folder):
    """Files that take the parser and the writers down their rare paths."""
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    cases = {}
    plain = ("# Release\n\n## Checks\n\n- [ ] Tests pass `probe: run true`\n- [x] Version is stable "
             "`probe: version stable 1.2.3`\n  - [ ] Child item @qa\n- [ ] Manual step @release-manager\n")
    cases["bom.md"] = b"\xef\xbb\xbf- [ ] task on the first line\n" + plain.encode()
    cases["bom-front-matter.md"] = b"\xef\xbb\xbf---\ntitle: BOM\n---\n" + plain.encode()
    cases["crlf.md"] = ("---\r\nid: crlf\r\nvars:\r\n  version: \"1.0.0\"\r\n---\r\n" + plain).replace("\n", "\r\n").replace("\r\r\n", "\r\n").encode()
    cases["crlf-mixed.md"] = plain.replace("\n", "\r\n", 3).encode() + b"- [ ] last\r"
    cases["lone-cr.md"] = plain.replace("\n", "\r").encode()
    cases["nul.md"] = plain.encode().replace(b"Tests pass", b"Tests\x00pass") + b"- [ ] \x00 `probe: run echo \x00`\n\x00\n"
    cases["invalid-utf8.md"] = (b"# Caf\xe9\n\n- [ ] na\xefve \xff\xfe item `probe: run echo \xc3`\n"
                                b"- [ ] truncated \xe2\x82\n- [x] overlong \xc0\xaf and surrogate \xed\xa0\x80\n"
                                b"## \xf0\x9f\x9a\n\n- [ ] after `probe: file \xe9.txt exists`\n")
    cases["deep-lists.md"] = ("- " * 10000 + "[ ] innermost\n").encode()
    cases["deep-quotes.md"] = ("> " * 10000 + "- [ ] quoted innermost\n").encode()
    cases["deep-tasks.md"] = "".join("  " * i + f"- [ ] level {i}\n" for i in range(1000)).encode()
    cases["deep-mixed.md"] = ("- [ ] top\n" + "".join("  " * i + "> " * (i % 3) + f"1. [x] n{i}\n" for i in range(1, 300))).encode()
    cases["quoted-tasks.md"] = ("# Quoted\n\n> - [ ] in a quote `probe: run true`\n>- [x] no space\n> > - [ ] two deep\n"
                                "> 1. [ ] ordered\n\n- [ ] item\n  > - [ ] quote in item\n").encode()
    cases["na-tilde.md"] = ("# N/A\n\n- [~] not applicable `probe: run false`\n  - [ ] child of n/a\n- [ ] parent\n"
                            "  - [~] n/a child\n- [~]\n- [~]no space\n* [~] star\n1. [~] ordered\n").encode()
    cases["struck.md"] = ("# Struck\n\n- [ ] ~~whole item~~\n- [ ] ~~part~~ of it\n- [x] ~~struck with probe~~ "
                          "`probe: run true`\n- [ ] ~one tilde~\n- [ ] ~~unclosed\n").encode()
    cases["front-matter-typo.md"] = b"---\nrequire: [staging]\nvar:\n  a: b\ntitel: X\ndescription: kept\n---\n- [ ] x\n"
    cases["front-matter-invalid.md"] = b"---\nvars: [unclosed\n  - : :\n---\n- [ ] x\n"
    cases["front-matter-unterminated.md"] = b"---\nid: open\nvars:\n  a: 1\n\n- [ ] x\n"
    cases["front-matter-types.md"] = b"---\nid: [list]\nvars: 3\nrequires: staging\ndefaults: { timeout: soon, retries: -1 }\n---\n- [ ] x\n"
    cases["front-matter-tabs.md"] = b"---\nvars:\n\tversion: 1\nid: x\nid: y\n---\n- [ ] ${version} `probe: version semver ${version}`\n"
    cases["front-matter-late.md"] = b"# Title\n\n---\nid: late\n---\n- [ ] x\n"
    cases["issue-template.md"] = b"---\nname: Release\nabout: A release\nlabels: [release]\nassignees: ''\n---\n- [ ] x\n"
    cases["probe-errors.md"] = ("---\nvars:\n  version: \"1.2\"\n---\n# Probes\n\n- [ ] unknown kind `probe: htpp GET x`\n"
                                "- [ ] bad literal `probe: version semver 1.2`\n- [ ] undefined `probe: run echo ${nope}`\n"
                                "- [ ] quotes `probe: file \"unclosed`\n- [ ] option `probe: http GET http://x statuz=200`\n"
                                "- [ ] empty `probe:`\n- [ ] block\n  ```probe\n  http: [\n  ```\n"
                                "- [ ] block kind\n  ```probe\n  nope: 1\n  ```\n- [ ] two `probe: run true` `probe: git clean`\n").encode()
    cases["ids.md"] = ("# Ids\n\n## Same\n\n- [ ] same text\n- [ ] same text\n- [ ] Same Text!\n"
                       "- [ ] explicit `probe: run true id=custom`\n- [ ] comment <!-- id: custom -->\n"
                       "- [ ] (Optional) optional one\n- [ ] Optional: two\n- [ ] advisory `probe: run true advisory=true`\n"
                       "- [ ] owners @a @b-c @d_e and mail a@b.c\n- [ ] café 發佈 🚀 ünïcode words in the slug and more words here\n").encode()
    cases["not-tasks.md"] = ("- [ ]\n- [ ]foo\n- [\t] x\n-     [ ] code\n```\n- [ ] fenced\n```\n"
                             "<!--\n- [ ] comment\n-->\n    - [ ] indented code\n<div>\n- [ ] html\n</div>\n").encode()
    cases["empty.md"] = b""
    cases["whitespace.md"] = b"  \n\t\n\n"
    cases["no-final-newline.md"] = b"# T\n\n- [ ] last line `probe: run true`"
    cases["tabs.md"] = b"-\t[ ] tab after marker\n\t- [ ] tab nested\n- [x]\tTab after box\n  \t- [ ] mixed\n"
    rng = random.Random(1234)
    words = "deploy verify release café 發佈 🚀 image tag backup canary metrics owner staging smoke docs".split()
    lines = ["---", "id: large", "vars:", "  base_url: https://example.com", "  version: \"1.2.3\"", "---", "", "# Large"]
    for i in range(15000):
        if i % 40 == 0:
            lines += ["", f"## Section {i // 40} {rng.choice(words)}", "", " ".join(rng.choices(words, k=12)), ""]
            if i % 400 == 0:
                lines += ["| a | b |", "| --- | --- |", "| 1 | `x` |", "", "```sh", "make test", "```", ""]
        pad = "  " * rng.choice([0, 0, 1, 2])
        text = " ".join(rng.choices(words, k=rng.randint(3, 8)))
        roll = rng.random()
        if roll < 0.1:
            lines += [f"{pad}- [ ] {text}", f"{pad}  ```probe", f"{pad}  http: GET ${{base_url}}/v", f"{pad}  expect:",
                      f"{pad}    status: 200", f"{pad}  timeout: 5s", f"{pad}  ```"]
        elif roll < 0.3:
            lines.append(f"{pad}- [x] {text} `probe: version stable ${{version}}`")
        else:
            lines.append(f"{pad}- [ ] {text}{' @ops' if roll > 0.9 else ''}")
    cases["large.md"] = ("\n".join(lines) + "\n").encode()
    for name, data in cases.items():
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
    return [os.path.join(folder, name) for name in cases]

edge = generate_edge_cases(os.path.join(compare_dir, "edge"))

# ---------------------------------------------------------------------------------------------
# Running and comparing

class Outcome:
    def __init__(self, stdout, stderr, code, written=None):
        self.stdout, self.stderr, self.code, self.written = stdout, stderr, code, written or {}

    def key(self):
        return (self.stdout, self.stderr, self.code, sorted(self.written.items()))

def execute(binary, args, cwd=None, written=(), remove_first=True):
    """Runs one build; `written` names files the command writes (removed first unless told not to),
    read afterwards."""
    for path in written if remove_first else ():
        if os.path.exists(os.path.join(cwd or ".", path)):
            os.unlink(os.path.join(cwd or ".", path))
    try:
        done = subprocess.run([binary, *args], cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)
        stdout, stderr, code = done.stdout, done.stderr, done.returncode
    except subprocess.TimeoutExpired as timeout:
        stdout, stderr, code = timeout.stdout or b"", timeout.stderr or b"", f"timed out after {TIMEOUT} s"
    files = {}
    for path in written:
        full = os.path.join(cwd or ".", path)
        files[path] = open(full, "rb").read() if os.path.exists(full) else None
    return Outcome(stdout, stderr, code, files)

categories = {}   # name -> [(subject, differences or None)]
lock = threading.Lock()
failures = 0

def text(data):
    return data.decode("utf-8", "backslashreplace").splitlines() if data is not None else ["(no file)"]

def describe(base, new):
    """The unified diffs of what differs, at most 20 lines each."""
    parts = []
    for label, a, b in [("stdout", base.stdout, new.stdout), ("stderr", base.stderr, new.stderr)] + [
            (f"file {path}", base.written.get(path), new.written.get(path)) for path in sorted(base.written)]:
        if a != b:
            diff = list(difflib.unified_diff(text(a), text(b), f"base {label}", f"working tree {label}", lineterm="", n=1))
            if not diff:   # same lines, different line endings or final newline
                diff = [f"{label}: same lines, different bytes ({len(a or b'')} against {len(b or b'')} bytes)"]
            parts += diff[:20] + ([f"... {len(diff) - 20} more diff lines"] if len(diff) > 20 else [])
    if base.code != new.code:
        parts.append(f"exit code: base {base.code}, working tree {new.code}")
    return parts

def record(category, subject, base, new):
    global failures
    same = base.key() == new.key()
    with lock:
        categories.setdefault(category, []).append((subject, None if same else describe(base, new)))
        failures += 0 if same else 1

def compare(category, subject, args, cwd=None, written=()):
    record(category, subject, execute(base_bin, args, cwd, written), execute(new_bin, args, cwd, written))

jobs = []
for path in files + edge:
    for category, args in [("show --json", ["show", "--json"]), ("show", ["show"]), ("lint", ["lint"]),
                           ("lint --format json", ["lint", "--format", "json"])]:
        jobs.append((category, path, [*args, path]))
with concurrent.futures.ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
    for future in [pool.submit(compare, *job) for job in jobs]:
        future.result()

# Folders, dry runs, help.
shipped = sorted(f"checklists/{f}" for f in os.listdir("checklists") if f.endswith(".md")) if os.path.isdir("checklists") else []
if shipped:
    compare("lint (folder)", "checklists", ["lint", "checklists"])
    compare("lint (folder)", "checklists --format json", ["lint", "--format", "json", "checklists"])
    for path in shipped:
        compare("run --dry-run", path, ["run", "--dry-run", "--no-record", path])
help_text = subprocess.run([base_bin, "--help"], capture_output=True).stdout.decode()
subcommands = re.findall(r"^  ([a-z][a-z-]+)  ", help_text.split("SUBCOMMANDS:")[-1], re.M)
compare("help", "--help", ["--help"])
compare("help", "--version", ["--version"])
for sub in subcommands:
    compare("help", f"help {sub}", ["help", sub])
kinds = re.findall(r"^([a-z]+)\s{2,}", subprocess.run([base_bin, "probes"], capture_output=True).stdout.decode(), re.M)
compare("help", "probes", ["probes"])
for kind in kinds:
    compare("help", f"probes {kind}", ["probes", kind])

# ---------------------------------------------------------------------------------------------
# Reports, sign-offs and signatures, from one record made by the base build

work = os.path.join(compare_dir, "report")
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
notes = []
with open(os.path.join(work, "release.md"), "w") as f:
    f.write("""---
id: release
title: Release 1.2.3
vars:
  version: "1.2.3"
---

# Release 1.2.3

The release gate. Items marked N/A with `- [~]` do not apply.

## Before tagging

- [ ] Tests pass `probe: run true`
- [x] Version is valid SemVer `probe: version semver ${version}`
- [ ] Version is stable `probe: version stable ${version}`
- [ ] VERSION file holds the version `probe: version file VERSION equals ${version}`
- [ ] CHANGELOG.md has a section for the version `probe: changelog ${version}`
- [ ] Release notes mention the version `probe: file CHANGELOG.md contains="## [${version}]"`
- [ ] Lint output is clean <script>alert("x")</script> & more
  ```probe
  run: printf 'line <1>\\n"quoted" & done\\n'
  stdout: done
  ```
- [ ] (Optional) Known flaky check `probe: run echo 'flaky & <odd>' >&2; false`
- [ ] Advisory size check
  ```probe
  run: "false"
  advisory: true
  ```
- [ ] Failing blocking check `probe: run sh -c 'echo out; echo err >&2; exit 3'`

## Approvals

- [ ] Rollback plan reviewed @release-manager
- [ ] Security review done @security
  - [ ] Dependencies audited `probe: file VERSION exists`
- [ ] Load test accepted @qa
- [~] Database migration (none in this release)
- [ ] ~~Feature flag cleanup~~

| step | owner |
| --- | --- |
| tag | @release-manager |
""")
with open(os.path.join(work, "VERSION"), "w") as f:
    f.write("1.2.3\n")
with open(os.path.join(work, "CHANGELOG.md"), "w") as f:
    f.write("# Changelog\n\n## [1.2.3] - 2026-01-15\n\n- Things.\n")
made = subprocess.run([base_bin, "run", "release.md", "--record", "record.json", "--jobs", "1"], cwd=work, capture_output=True)
if made.returncode not in (0, 1) or not os.path.exists(os.path.join(work, "record.json")):
    sys.exit("compare-output.sh: the base build could not make the run record:\n" + made.stderr.decode(errors="replace"))
at = time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime(time.time() + 3600))   # one time for both builds

def reports(category, source):
    for fmt in ("md", "html", "json", "junit"):
        compare(category, f"{source} --format {fmt}", ["report", source, "--format", fmt, "--at", at], cwd=work)
    compare(category, f"{source} --format html -o", ["report", source, "--format", "html", "--at", at, "-o", "out.html"],
            cwd=work, written=["out.html"])

reports("report", "record.json")

have_keys = shutil.which("ssh-keygen") is not None
if have_keys:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bo@example.com", "-f", os.path.join(work, "key")], check=True)
    with open(os.path.join(work, "allowed_signers"), "w") as f:
        f.write("bo@example.com " + open(os.path.join(work, "key.pub")).read())
else:
    notes.append("sign-off --key, sign and verify: not compared (ssh-keygen is not installed)")

AT_FIELD = re.compile(rb'"at" ?: ?"[^"]*"')

def sign_off(step, source, args):
    """Both builds sign off in a copy of `source`, starting just after a second boundary so that the
    recorded time is the same; returns the base build's record for the next step."""
    for attempt in range(4):
        outcomes = []
        for binary in (base_bin, new_bin):
            if binary == base_bin:
                time.sleep(1.0 - time.time() % 1.0 + 0.01)
            shutil.copy(os.path.join(work, source), os.path.join(work, "signed.json"))
            outcomes.append(execute(binary, ["sign-off", "signed.json", *args], cwd=work, written=["signed.json"],
                                    remove_first=False))
        base, new = outcomes
        times = [set(AT_FIELD.findall(o.written["signed.json"] or b"")) for o in outcomes]
        if times[0] == times[1] or attempt == 3:
            break
    if times[0] != times[1]:
        notes.append(f"sign-off {step}: the two runs never fell in the same second; not compared")
    else:
        record("sign-off", step, base, new)
    result = f"signed-{step}.json"
    with open(os.path.join(work, result), "wb") as f:
        f.write(base.written["signed.json"] or open(os.path.join(work, source), "rb").read())
    return result

signed = sign_off("approve", "record.json", ["rollback plan", "--by", "Ana Lima <ana@example.com>", "--role", "release-manager",
                                             "--note", "checked with <b>ops</b> & \"QA\"", "--expires", "2099-01-01T00:00Z"])
if have_keys:
    signed = sign_off("approve --key", signed, ["security review", "--by", "Bo Berg <bo@example.com>",
                                                "--role", "security", "--key", "key"])
signed = sign_off("reject", signed, ["load test", "--by", "Chen Wu <chen@example.com>", "--reject", "--note", "p99 too high"])
compare("sign-off", "unknown item", ["sign-off", signed, "no such item", "--by", "A <a@example.com>"], cwd=work)
compare("sign-off", "ambiguous item", ["sign-off", signed, "version", "--by", "A <a@example.com>"], cwd=work)
reports("report (signed off)", signed)

if have_keys:
    subprocess.run([base_bin, "report", signed, "--format", "md", "--at", at, "-o", "report.md"], cwd=work,
                   capture_output=True)   # exit 1: NO-GO
    compare("sign and verify", "sign sshsig", ["sign", "report.md", "--key", "key"], cwd=work, written=["report.md.sig"])
    compare("sign and verify", "sign dsse", ["sign", "report.md", "--key", "key", "--format", "dsse", "--record", signed],
            cwd=work, written=["report.md.intoto.json"])
    subprocess.run([base_bin, "sign", "report.md", "--key", "key"], cwd=work, capture_output=True, check=True)
    subprocess.run([base_bin, "sign", "report.md", "--key", "key", "--format", "dsse", "--record", signed], cwd=work,
                   capture_output=True, check=True)
    compare("sign and verify", "verify sshsig", ["verify", "report.md", "--allowed-signers", "allowed_signers"], cwd=work)
    compare("sign and verify", "verify dsse", ["verify", "report.md", "--signature", "report.md.intoto.json",
                                               "--public-key", "key.pub"], cwd=work)
    with open(os.path.join(work, "report.md"), "ab") as f:
        f.write(b"tampered\n")
    compare("sign and verify", "verify sshsig, changed report", ["verify", "report.md", "--allowed-signers", "allowed_signers"], cwd=work)
    compare("sign and verify", "verify dsse, changed report", ["verify", "report.md", "--signature", "report.md.intoto.json",
                                                               "--public-key", "key.pub"], cwd=work)

# ---------------------------------------------------------------------------------------------
# Summary

order = ["show --json", "show", "lint", "lint --format json"]
for category in order + [c for c in categories if c not in order]:
    results = categories.get(category, [])
    differing = [(subject, diff) for subject, diff in results if diff is not None]
    noun = "files" if category in order else "cases"
    if not differing:
        print(f"{category}: {len(results)} {noun} identical")
    else:
        print(f"{category}: {len(differing)} of {len(results)} {noun} DIFFER")
for category in order + [c for c in categories if c not in order]:
    results = categories.get(category, [])
    shown = 0
    for subject, diff in sorted(results, key=lambda result: result[0]):
        if diff is None:
            continue
        shown += 1
        if shown > 5:
            print(f"  ... and {category} of {subject} differs too")
            continue
        print(f"\n=== {category}: {subject}")
        print("\n".join(diff))
for note in notes:
    print(f"note: {note}")
print(f"\nbase {base_bin}\nworking tree {new_bin}\n{len(files)} files and {len(edge)} generated edge cases; "
      f"{'all identical' if not failures else f'{failures} differences'}")
sys.exit(1 if failures else 0)
PY
