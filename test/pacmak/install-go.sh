#!/usr/bin/env bash
# Fetches Go's gofmt from Debian's archive, so test/pacmak/run.js can parse the Go package jsii-pacmak generates.
# Nothing is installed system-wide and no package script runs: golang-1.19-go (Debian bookworm) is downloaded with
# `apt-get download` and unpacked with `dpkg-deb -x` into <repo>/.engines/go (git-ignored; FT_ENGINES_DIR moves it).
# Idempotent. Exit status 0 when gofmt runs, 1 otherwise (run.js then reports the Go sources as generated only).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dest="${FT_ENGINES_DIR:-$repo/.engines}/go"
package=golang-1.19-go

if [ -x "$dest/bin/gofmt" ] && echo 'package p' | "$dest/bin/gofmt" -e >/dev/null 2>&1; then
  echo "go: gofmt ready in $dest/bin (cached)"
  exit 0
fi
mkdir -p "$dest/deb"
cd "$dest/deb"
if ! apt-get download "$package" >/dev/null 2>&1; then
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get download "$package" >/dev/null 2>&1 || { echo "go: FAILED - apt-get download $package" >&2; exit 1; }
fi
rm -rf "$dest/root"
dpkg-deb -x "$package"_*.deb "$dest/root"
gofmt="$(find "$dest/root" -path '*/bin/gofmt' -type f | head -n 1)"
[ -n "$gofmt" ] || { echo "go: FAILED - no gofmt in $package" >&2; exit 1; }
mkdir -p "$dest/bin"
ln -sf "$gofmt" "$dest/bin/gofmt"
rm -rf "$dest/deb"
echo 'package p' | "$dest/bin/gofmt" -e >/dev/null
echo "go: gofmt from $package ready in $dest/bin"
