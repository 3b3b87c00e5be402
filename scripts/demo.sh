#!/usr/bin/env bash
# Builds reconcile, starts a throwaway PostgreSQL, loads a scenario's
# production-as-found schema, and shows reconcile's plan for the example's
# manifests; then applies it and plans again (empty). Stops the server at exit.
#   scripts/demo.sh [example]      (default: prisma-soft-delete)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
example=${1:-prisma-soft-delete}

if [ ! -x "$root/build/reconcile" ]; then
  cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$root/build" -j"$(nproc)" --target reconcile >/dev/null
fi

dir=$(mktemp -d /tmp/reconcile-demo-XXXXXX)
chmod 755 "$dir"
port=$(( 20000 + RANDOM % 20000 ))
trap '"$root/scripts/pg-throwaway.sh" stop "$dir/pg"; rm -rf "$dir"' EXIT
"$root/scripts/pg-throwaway.sh" start "$dir/pg" "$port"
export DATABASE_URL="postgresql://postgres@127.0.0.1:$port/postgres"

scenario="$root/tests/scenarios/$example"
[ -f "$scenario/platform.sql" ] && psql -q -v ON_ERROR_STOP=1 "$DATABASE_URL" -f "$scenario/platform.sql"
psql -q -v ON_ERROR_STOP=1 "$DATABASE_URL" -f "$scenario/before.sql"

echo "== reconcile plan -m examples/$example   (database loaded from $example/before.sql)"
"$root/build/reconcile" plan -m "$root/examples/$example" || [ $? -eq 2 ]
echo
echo "== reconcile apply -m examples/$example --yes"
"$root/build/reconcile" apply -m "$root/examples/$example" --yes --allow-hazards all
echo
echo "== reconcile plan -m examples/$example   (again: nothing left to do)"
"$root/build/reconcile" plan -m "$root/examples/$example"
