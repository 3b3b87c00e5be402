#!/usr/bin/env bash
# drift --all-envs over N databases on one throwaway local server: total
# time and the most connections the server saw at once.
#   bench/fleet.sh [N=200] [JOBS=8]       (uses build/reconcile)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-200} jobs=${2:-8}
dir=$(mktemp -d /tmp/reconcile-fleet-XXXXXX)
chmod 755 "$dir"
port=$(( 20000 + RANDOM % 20000 ))
trap '"$root/scripts/pg-throwaway.sh" stop "$dir/pg"; rm -rf "$dir"' EXIT
"$root/scripts/pg-throwaway.sh" start "$dir/pg" "$port"
base="postgresql://postgres@127.0.0.1:$port"

# Each database holds the prisma-soft-delete scenario as found; every tenth
# one is already in step with the manifests.
environments=""
for i in $(seq -w 1 "$n"); do
  psql -q "$base/postgres" -c "CREATE DATABASE tenant_$i"
  psql -q -v ON_ERROR_STOP=1 "$base/tenant_$i" -f "$root/tests/scenarios/prisma-soft-delete/before.sql" >/dev/null
  export "FLEET_TENANT_$i=$base/tenant_$i"
  environments+="${environments:+,}\"tenant_$i\": {\"database\": \"\$FLEET_TENANT_$i\"}"
done
cat >"$dir/reconcile.json" <<JSON
{"manifests": "$root/examples/prisma-soft-delete", "environments": {$environments}}
JSON
for i in $(seq -w 10 10 "$n"); do
  "$root/build/reconcile" apply --config "$dir/reconcile.json" --env "tenant_$i" --yes --quiet --allow-hazards all
done

# Sample the server's connection count while the fleet runs.
( peak=0; while sleep 0.05; do
    c=$(psql -Atq "$base/postgres" -c "SELECT count(*) - 1 FROM pg_stat_activity WHERE backend_type = 'client backend'" 2>/dev/null || echo 0)
    [ "$c" -gt "$peak" ] && peak=$c && echo "$peak" >"$dir/peak"
  done ) &
sampler=$!
start=$(date +%s.%N)
status=0
"$root/build/reconcile" drift --config "$dir/reconcile.json" --all-envs --jobs "$jobs" --format json -o "$dir/drift.json" || status=$?
end=$(date +%s.%N)
kill "$sampler" 2>/dev/null || true
echo "databases: $n, jobs: $jobs, exit: $status, wall: $(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }') s, peak client connections: $(cat "$dir/peak" 2>/dev/null || echo 0)"
python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['summary'])" "$dir/drift.json"
