#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL cluster in a temp directory.
#   scripts/pg-throwaway.sh start DIR PORT   # prints nothing; server listens on 127.0.0.1:PORT
#   scripts/pg-throwaway.sh stop DIR
# PostgreSQL refuses to run as root; as root the server runs as user
# ${RECONCILE_PG_USER:-postgres}.
set -euo pipefail
action=$1 dir=$2
bindir=${RECONCILE_PG_BINDIR:-$(pg_config --bindir 2>/dev/null || dirname "$(command -v initdb)")}
as_user=()
if [ "$(id -u)" -eq 0 ]; then as_user=(runuser -u "${RECONCILE_PG_USER:-postgres}" --); fi

case "$action" in
  start)
    port=$3
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown "${RECONCILE_PG_USER:-postgres}" "$dir"; fi
    "${as_user[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C >"$dir/initdb.log"
    "${as_user[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off" start >/dev/null
    ;;
  stop)
    "${as_user[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null || true
    rm -rf "$dir"
    ;;
esac
