#!/usr/bin/env bash
# Installs the Debian packages Tickmark needs to build and test, when they are missing. After it,
# `swift test` needs nothing else: the tests drive cmark-gfm (the parser's reference), xmllint (the
# JUnit schema), python3 with jsonschema (the run-record schema), git, ssh-keygen, ssh-agent and
# openssl (signatures checked by the real tools), curl and nghttpd (the HTTP probes' parity tests),
# chromium (HTML reports and example pages rendered headless), sqlite3 and a throw-away PostgreSQL
# server (the ledger).
set -euo pipefail

packages=(
  libcmark-gfm-dev libcmark-gfm-extensions-dev cmark-gfm   # the parser (and its CLI, the tests' oracle)
  libssl-dev                                                 # SHA-2, Ed25519 and TLS from the system OpenSSL
  git openssh-client openssl libxml2-utils python3 bc curl   # real tools the tests and scripts drive
  python3-jsonschema                                         # the run-record schema check in the tests
  libcurl4-openssl-dev                                       # HTTP probes: libcurl's headers (the library is loaded at run time)
  nghttp2-server                                             # nghttpd: the HTTP/2-only server of the curl-parity tests
  chromium                                                   # HTML reports and the board examples rendered headless
  libsqlite3-dev sqlite3                                     # the ledger's SQLite (linked in), and the tests' sqlite3
  libpq5 postgresql                                          # PostgreSQL ledgers: libpq loaded at run time; the tests' server
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
fi
