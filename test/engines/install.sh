#!/usr/bin/env bash
# Installs the real engines the alerting output is proven against (see test/engines/README.md):
#   alertmanager + amtool 0.28.1, prometheus + promtool 2.53.3, all from Debian trixie.
#
# Nothing is installed system-wide and no package script runs (so no service starts): the .deb files are fetched
# with a private apt sources list and state (never the machine's own), unpacked with `dpkg-deb -x` into a cache
# folder (default: <repo>/.engines, git-ignored; FT_ENGINES_DIR overrides it), and the binaries linked into its
# bin/. The one exception is Alertmanager's default notification template, which Debian's build reads from the fixed
# path /usr/share/prometheus/alertmanager/default.tmpl: it is copied there from the same package, unless an
# installed package already owns that file.
#
# Idempotent: a second run finds the cache (same versions, binaries that run) and only prints the versions.
# Exit status 0 when every engine is ready, 1 otherwise (with the reason).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dest="${FT_ENGINES_DIR:-$repo/.engines}"
suite=trixie
# Package -> the upstream version the tests prove against (the library pins Alertmanager 0.28.1).
declare -A want=([prometheus-alertmanager]=0.28.1 [promtool]=2.53.3 [prometheus]=2.53.3)
packages=(prometheus-alertmanager promtool prometheus)
template_dir=/usr/share/prometheus/alertmanager
start=$(date +%s%N)

say() { echo "engines: $*"; }
fail() { echo "engines: FAILED - $*" >&2; exit 1; }

print_versions() {
  local b
  for b in alertmanager amtool prometheus promtool; do
    say "$("$dest/bin/$b" --version 2>&1 | head -n 1)"
  done
}

# The version upstream calls it (0.28.1 from "0.28.1+ds-1").
upstream() { sed -E 's/^[0-9]+://; s/[+~-].*$//' <<<"$1"; }

cached_ok() {
  [ -f "$dest/versions.txt" ] || return 1
  local p
  for p in "${packages[@]}"; do
    grep -qE "^$p [^ ]+ ${want[$p]}\$" "$dest/versions.txt" || return 1
  done
  for p in alertmanager amtool prometheus promtool; do
    "$dest/bin/$p" --version >/dev/null 2>&1 || return 1
  done
}

install_template() {
  local src="$dest/root$template_dir/default.tmpl" target="$template_dir/default.tmpl"
  if cmp -s "$src" "$target"; then
    return 0
  fi
  if [ -e "$target" ] && dpkg-query -S "$target" >/dev/null 2>&1; then
    say "WARNING: $target belongs to an installed package ($(dpkg-query -S "$target" 2>/dev/null | cut -d: -f1)) and differs from the 0.28.1 one; it is left alone (webhook notifications do not use it)"
    return 0
  fi
  if ! install -D -m 0644 "$src" "$target" 2>/dev/null ||
    ! install -D -m 0644 "$dest/root$template_dir/email.tmpl" "$template_dir/email.tmpl" 2>/dev/null; then
    say "WARNING: cannot write $target (not root?): the live Alertmanager tests will be skipped"
    return 0
  fi
  say "copied Alertmanager's default notification template to $target"
}

if cached_ok; then
  install_template
  say "cached in $dest ($(awk '{print $1 "=" $2}' "$dest/versions.txt" | paste -sd' '))"
  print_versions
  exit 0
fi

command -v apt-get >/dev/null || fail "apt-get not found: the engines come from Debian's archive (install them by hand and set FT_ENGINES_DIR, or skip these tests)"
command -v dpkg-deb >/dev/null || fail "dpkg-deb not found"

# The machine's own Debian mirror (deb822 or one-line sources), else the official one; FT_DEBIAN_MIRROR overrides.
mirror="${FT_DEBIAN_MIRROR:-}"
if [ -z "$mirror" ]; then
  mirror="$( (grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}'; grep -hsE '^deb ' /etc/apt/sources.list | sed -E 's/^deb (\[[^]]*\] )?//' | awk '{print $1}') | grep -E '/debian/?$' | head -n 1 || true)"
fi
mirror="${mirror:-http://deb.debian.org/debian}"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -r "$keyring" ] || fail "$keyring not found (package debian-archive-keyring)"

apt_dir="$dest/apt"
rm -rf "$dest/root" "$dest/bin" "$dest/debs" "$dest/versions.txt"
mkdir -p "$apt_dir/none" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$dest/debs" "$dest/root" "$dest/bin"
echo "deb [signed-by=$keyring] $mirror $suite main" >"$apt_dir/sources.list"
apt_opts=(
  -o "Dir::Etc::SourceList=$apt_dir/sources.list"
  -o "Dir::Etc::SourceParts=$apt_dir/none"
  -o "Dir::Etc::Preferences=$apt_dir/none"
  -o "Dir::Etc::PreferencesParts=$apt_dir/none"
  -o "Dir::State::Lists=$apt_dir/lists"
  -o "Dir::Cache=$apt_dir/cache"
  -o "APT::Sandbox::User=root"
  -o "Acquire::Retries=3"
  -o "Debug::NoLocking=1"
  -qq
)

say "fetching ${packages[*]} from $mirror $suite (private apt lists in $apt_dir)"
apt-get "${apt_opts[@]}" update || fail "apt-get update of $suite failed"
(cd "$dest/debs" && apt-get "${apt_opts[@]}" download "${packages[@]}") || fail "apt-get download failed"

for p in "${packages[@]}"; do
  deb="$(ls "$dest/debs/${p}_"*.deb)"
  version="$(dpkg-deb -f "$deb" Version)"
  [ "$(upstream "$version")" = "${want[$p]}" ] ||
    fail "$suite's $p is $version, not ${want[$p]}: update the version in test/engines/install.sh and README.md after checking the tests pass"
  # Only the binaries (and Alertmanager's templates); no maintainer script runs.
  members=('./usr/bin/*')
  [ "$p" = prometheus-alertmanager ] && members+=('./usr/share/prometheus/alertmanager/*.tmpl')
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dest/root" --wildcards "${members[@]}"
  echo "$p $version ${want[$p]}" >>"$dest/versions.txt"
done
ln -sf ../root/usr/bin/prometheus-alertmanager "$dest/bin/alertmanager"
for b in amtool prometheus promtool; do
  ln -sf "../root/usr/bin/$b" "$dest/bin/$b"
done
rm -rf "$dest/debs" "$apt_dir/cache"

cached_ok || fail "the unpacked binaries do not run"
install_template
say "installed into $dest in $(( ($(date +%s%N) - start) / 1000000 )) ms"
print_versions
