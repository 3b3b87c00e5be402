#!/usr/bin/env bash
# Installs what is missing, builds everything and runs the whole test suite
# (unit tests, integration tests and the fuzz corpus; the integration tests
# start their own PostgreSQL). Extra arguments go to ctest.
#   scripts/test.sh [ctest-args...]       e.g. scripts/test.sh -L unit
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
ctest --test-dir "$root/build" --output-on-failure "$@"
