#!/usr/bin/env bash
# The main job on an example, from nothing: installs what is missing, builds
# build/reconcile, starts a throwaway PostgreSQL, loads a scenario's
# production-as-found schema (tests/scenarios/<example>/before.sql), shows
# reconcile's plan for the example's manifests (examples/<example>/),
# applies it and plans again (empty). Stops and removes the server at exit.
#   scripts/demo.sh [example]      (default: prisma-soft-delete)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
example=${1:-prisma-soft-delete}

# An example runs when it has manifests and a scenario to start from.
valid=()
for dir in "$root"/examples/*/; do
  name=$(basename "$dir")
  [ -f "$root/tests/scenarios/$name/before.sql" ] && valid+=("$name")
done
if [ $# -gt 1 ] || [[ ! " ${valid[*]} " == *" $example "* ]]; then
  echo "usage: scripts/demo.sh [example]" >&2
  [ $# -le 1 ] && echo "scripts/demo.sh: no example named \"$example\"" >&2
  echo "examples: ${valid[*]}" >&2
  exit 1
fi

"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" reconcile

dir=$(mktemp -d /tmp/reconcile-demo-XXXXXX)
chmod 755 "$dir"
port=$(( 20000 + RANDOM % 20000 ))
trap '"$root/scripts/pg-throwaway.sh" stop "$dir/pg"; rm -rf "$dir"' EXIT
"$root/scripts/pg-throwaway.sh" start "$dir/pg" "$port"
export DATABASE_URL="postgresql://postgres@127.0.0.1:$port/postgres"

scenario="$root/tests/scenarios/$example"
if [ -f "$scenario/platform.sql" ]; then psql -q -v ON_ERROR_STOP=1 "$DATABASE_URL" -f "$scenario/platform.sql"; fi
psql -q -v ON_ERROR_STOP=1 "$DATABASE_URL" -f "$scenario/before.sql"

# Examples that create login roles name an environment variable for each
# password (a manifest never holds one). The demo's cluster is thrown away,
# so a random password stands in for any such variable that is not set.
for var in $(grep -rhoE '"env": *"[A-Za-z_][A-Za-z0-9_]*"' "$root/examples/$example" |
             sed -E 's/.*"([^"]+)"$/\1/' | sort -u); do
  if [ -z "${!var:-}" ]; then
    export "$var=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
    echo "demo: $var is not set; using a random password for this throwaway cluster"
  fi
done

reconcile="$root/build/reconcile"
echo
echo "== reconcile plan -m examples/$example   (database loaded from tests/scenarios/$example/before.sql)"
"$reconcile" plan -m "$root/examples/$example" || [ $? -eq 2 ]
echo
echo "== reconcile apply -m examples/$example --yes"
"$reconcile" apply -m "$root/examples/$example" --yes --allow-hazards all
echo
echo "== reconcile plan -m examples/$example   (again: nothing left to do)"
"$reconcile" plan -m "$root/examples/$example"
