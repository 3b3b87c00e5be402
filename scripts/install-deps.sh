#!/usr/bin/env bash
# Installs the Debian 12 packages that building, the demo and the test suite
# need: only those missing, with sudo when not root. Prints nothing when all
# are there.
#   scripts/install-deps.sh
set -euo pipefail

# cmark-gfm renders `plan --format markdown` the way GitHub does, so a test
# can check the report's tables and collapsed blocks (tests/integration).
# pgbouncer is the transaction-mode pooler apply is tested behind
# (tests/integration/pooler_test.cpp).
packages=(
  build-essential cmake git libpq-dev nlohmann-json3-dev libboost-program-options-dev catch2 libfmt-dev
  postgresql postgresql-client cmark-gfm util-linux ca-certificates pgbouncer
)

if ! command -v dpkg-query >/dev/null; then
  echo "reconcile: not a Debian system; install these (or their equivalents) by hand: ${packages[*]}" >&2
  exit 0
fi

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "reconcile: these packages are missing and installing them needs root (no sudo here): ${missing[*]}" >&2
    exit 1
  fi
  sudo=(sudo)
fi
echo "installing ${missing[*]}"
log=$(mktemp /tmp/reconcile-apt-XXXXXX.log)
if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update >"$log" 2>&1 ||
   ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
  tail -n 30 "$log" >&2
  echo "reconcile: apt-get failed (full log: $log)" >&2
  exit 1
fi
rm -f "$log"
