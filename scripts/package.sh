#!/usr/bin/env bash
# Builds the release archive dist/tickmark-VERSION-linux-ARCH.tar.gz (and its .sha256) whose
# `tickmark` needs nothing but the C library, then proves it: `ldd` may list only glibc and the
# dynamic loader, and the unpacked binary must run `--version`, `lint` and `run` from a scratch
# folder with a bare environment, away from the build tree.
#
#   scripts/package.sh [--output DIR]      (default: dist/)
#
# Static linking is asked for on this script's `swift build` command line only; the ordinary
# debug and test builds, and their `.build/debug`, are not touched:
#   - the Swift runtime and Foundation: `--static-swift-stdlib`;
#   - cmark-gfm, OpenSSL and SQLite: the `.a` files of Debian's libcmark-gfm-dev,
#     libcmark-gfm-extensions-dev, libssl-dev and libsqlite3-dev are linked into a folder that holds nothing else
#     and is searched first (pkg-config files of its own, and `-L`), so the `-lcmark-gfm`,
#     `-lssl`, `-lcrypto`, `-lsqlite3` the package's module maps ask for find the static library, not the
#     shared one;
#   - the C++ runtime the Swift runtime needs: libstdc++.a in the same folder, and libgcc's
#     unwinder with `-static-libgcc`.
# The release build lives in .build/package (several minutes on two cores the first time).
set -euo pipefail
cd "$(dirname "$0")/.."

output=dist
while [ $# -gt 0 ]; do
  case "$1" in
    --output) output=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "package.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

fail() { echo "package.sh: error: $*" >&2; exit 1; }

version=$(sed -n 's/.*static let version = "\(.*\)".*/\1/p' Sources/TickmarkCLI/TickmarkCommand.swift)
[ -n "$version" ] || fail "no version constant found in Sources/TickmarkCLI/TickmarkCommand.swift"
arch=$(uname -m)   # x86_64 or aarch64, as the archive's name says
name="tickmark-$version-linux-$arch"
scratch=.build/package

# The static libraries, found through the Debian packages that ship them.
static_dir="$scratch/static-libs"
rm -rf "$static_dir"
mkdir -p "$static_dir"
static_library() { # package file
  local path
  path=$(dpkg -L "$1" 2>/dev/null | grep "/$2\$" | head -n 1) ||
    fail "$2 not found: install the Debian package $1 (scripts/setup.sh does)"
  [ -f "$path" ] || fail "$2 listed by $1 but missing on disk"
  ln -s "$path" "$static_dir/$2"
}
static_library libcmark-gfm-dev libcmark-gfm.a
static_library libcmark-gfm-extensions-dev libcmark-gfm-extensions.a
static_library libssl-dev libssl.a
static_library libssl-dev libcrypto.a
static_library libsqlite3-dev libsqlite3.a
libstdcxx=$(clang -print-file-name=libstdc++.a)
[ -f "$libstdcxx" ] || fail "libstdc++.a not found (clang -print-file-name=libstdc++.a): install libstdc++-dev for your GCC"
ln -s "$libstdcxx" "$static_dir/libstdc++.a"
static_dir=$(cd "$static_dir" && pwd)
# SwiftPM reads the package's system libraries through pkg-config and puts the .pc files' own
# `-L/usr/lib/...` first on the link line, where the shared objects sit beside the `.a` files.
# pkg-config files of the same names, found first through PKG_CONFIG_PATH, name the static
# folder instead.
pc_dir="$scratch/pkgconfig"
mkdir -p "$pc_dir"
static_pc() { # package file: the package's .pc file, with the static folder first in Libs
  local path
  path=$(dpkg -L "$1" 2>/dev/null | grep "/pkgconfig/$2\$" | head -n 1) || fail "$2 not found in $1"
  sed "s|^Libs:|Libs: -L$static_dir|" "$path" > "$pc_dir/$2"
}
static_pc libcmark-gfm-dev libcmark-gfm.pc
static_pc libssl-dev libssl.pc
static_pc libsqlite3-dev sqlite3.pc
PKG_CONFIG_PATH="$(cd "$pc_dir" && pwd)${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
export PKG_CONFIG_PATH

echo "== release build (static) in $scratch"
swift build -c release --product tickmark --scratch-path "$scratch" --static-swift-stdlib \
  -Xswiftc -L -Xswiftc "$static_dir" \
  -Xswiftc -Xclang-linker -Xswiftc -static-libgcc
binary="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/tickmark"
[ -x "$binary" ] || fail "the build left no $binary"

echo "== dynamic dependencies"
# Accepted: the GNU C library's own shared objects (libc, libm, and the libpthread, libdl, librt
# stubs that glibc 2.34+ folds into libc), the dynamic loader and the kernel's vDSO.
ldd "$binary"
unexpected=$(ldd "$binary" | awk '{ print $1 }' | grep -Ev '^(linux-vdso\.so\.1|linux-gate\.so\.1|/lib(64)?/ld-linux[^ ]*|ld-linux[^ ]*|lib(c|m|pthread|dl|rt)\.so\.[0-9]+)$' || true)
[ -z "$unexpected" ] || fail "the binary needs more than the C library: $(echo "$unexpected" | tr '\n' ' ')"

# The newest glibc symbol version the binary asks for: the oldest C library it runs on.
glibc=$(objdump -T "$binary" 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -n 1 | cut -d_ -f2 || true)
echo "needs glibc ${glibc:-(unknown: objdump missing)} or later"

echo "== archive"
stage="$scratch/stage/$name"
rm -rf "$scratch/stage"
mkdir -p "$stage"
cp "$binary" "$stage/tickmark"
strip "$stage/tickmark" 2>/dev/null || true
[ -f LICENSE ] && cp LICENSE "$stage/"
cat > "$stage/README.md" <<EOF
# Tickmark $version (Linux $arch)

Checklist-as-code for release checklists: GitHub-flavored Markdown task lists whose probes are
run, whose boxes are ticked in place, and whose sign-offs and reports are signed.

\`tickmark\` needs only the GNU C library (glibc ${glibc:-of the build machine} or later): the Swift
runtime, cmark-gfm and OpenSSL are linked in. Put it on your PATH:

    install -m 0755 tickmark /usr/local/bin/tickmark
    tickmark --version
    tickmark init             # writes the shipped checklists into checklists/
    tickmark lint checklists/
    tickmark run checklists/pre-merge.md

HTTPS probes trust the CA certificates of the system (Debian and Ubuntu: /etc/ssl/certs);
elsewhere point SSL_CERT_FILE or SSL_CERT_DIR at them.

Documentation: README.md and docs/ in the source repository (docs/github-actions.md for CI).
EOF
mkdir -p "$output"
archive="$output/$name.tar.gz"
tar -C "$scratch/stage" --owner=0 --group=0 --numeric-owner -czf "$archive" "$name"
(cd "$output" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")

echo "== the archive's binary, away from the build tree"
smoke=$(mktemp -d)
trap 'rm -rf "$smoke"' EXIT
tar -C "$smoke" -xzf "$archive"
mkdir "$smoke/project"
cat > "$smoke/project/smoke.md" <<'EOF'
---
id: smoke
vars:
  word: packaged
---
# Smoke

- [ ] A command runs `probe: run echo ${word}`
- [ ] The checklist is here `probe: file smoke.md`
EOF
run_bare() { (cd "$smoke/project" && env -i PATH=/usr/bin:/bin HOME="$smoke" "$smoke/$name/tickmark" "$@"); }
printed=$(run_bare --version) || fail "tickmark --version failed"
[ "$printed" = "$version" ] || fail "tickmark --version printed '$printed', expected '$version'"
run_bare lint smoke.md || fail "tickmark lint smoke.md failed"
run_bare run smoke.md --record smoke.json --junit smoke.xml || fail "tickmark run smoke.md failed"
[ -s "$smoke/project/smoke.json" ] && [ -s "$smoke/project/smoke.xml" ] || fail "tickmark run wrote no record or JUnit file"

echo "packaged: $archive ($(du -h "$archive" | cut -f1)), sha256 $(cut -d' ' -f1 "$archive.sha256")"
