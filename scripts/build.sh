#!/usr/bin/env bash
# Configures and builds into build/ (RelWithDebInfo unless already
# configured otherwise), writing the compiler's output to build/build.log
# rather than the terminal. Warnings are not hidden: any there are printed
# at the end (the code builds without any; CI fails on one).
#   scripts/build.sh [target...]      default: everything (binary and tests)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build"
mkdir -p "$build"
log="$build/build.log"

targets=()
for target in "$@"; do targets+=(--target "$target"); done
echo "building ${*:-everything} in build/ (log: build/build.log)"
if ! { cmake -S "$root" -B "$build" && cmake --build "$build" -j"$(nproc)" "${targets[@]}"; } >"$log" 2>&1; then
  grep -E "error|Error" "$log" | head -n 40 >&2 || true
  echo "reconcile: the build failed; full log: build/build.log" >&2
  exit 1
fi
# The log of an up-to-date build has no compiler lines, so this counts the
# warnings of what was compiled just now.
warnings=$(grep -c "warning:" "$log" || true)
if [ "$warnings" -gt 0 ]; then
  # The lines before a warning say which of our files it comes from (a
  # warning inside a standard header names only the header).
  grep -B8 -A3 "warning:" "$log" >&2
  echo "reconcile: $warnings compiler warnings (above); please report them" >&2
  [ "${RECONCILE_WARNINGS_FATAL:-0}" = 1 ] && exit 1
fi
exit 0
