#!/usr/bin/env bash
# Nightly job: writes the drift of $DATABASE_URL from MANIFESTS to OUTDIR
# (default reconcile-drift/) as drift.json and drift.md, for the job's
# artifacts. Exit code as reconcile's: 0 in sync, 2 drift (so the job fails
# and someone is told), 1 the database could not be checked.
#   examples/ci/nightly-drift.sh MANIFESTS [OUTDIR]
set -uo pipefail
manifests=${1:?usage: nightly-drift.sh MANIFESTS [OUTDIR]}
outdir=${2:-reconcile-drift}
reconcile=${RECONCILE:-reconcile}
mkdir -p "$outdir"

"$reconcile" drift -m "$manifests" --format json -o "$outdir/drift.json"
status=$?
if [ "$status" -eq 1 ]; then echo "nightly-drift: the database could not be checked" >&2; exit 1; fi
# The same read again for people; a second read costs a few catalog queries.
"$reconcile" drift -m "$manifests" --format markdown -o "$outdir/drift.md"
case $status in
  0) echo "nightly-drift: in sync" ;;
  2) echo "nightly-drift: drift found, see $outdir/drift.md" >&2 ;;
esac
exit "$status"
