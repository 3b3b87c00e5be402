#!/usr/bin/env bash
# Release job: saves the plan of MANIFESTS against $DATABASE_URL as JSON in
# OUTDIR (default reconcile-release/) for the job's artifacts, applies it,
# and checks that a new plan is empty. Exits 0 when the database matches
# the manifests, 1 otherwise (nothing is changed when the plan is refused).
# Extra arguments go to `reconcile apply`: the hazards the reviewed plan
# carries (--allow-hazards ACQUIRES_ACCESS_EXCLUSIVE_LOCK,INDEX_BUILD, or
# all), and --allow-destructive when a person decided so on the release;
# never by default.
#   examples/ci/apply-release.sh MANIFESTS [OUTDIR] [apply-args...]
set -uo pipefail
manifests=${1:?usage: apply-release.sh MANIFESTS [OUTDIR] [apply-args...]}
outdir=${2:-reconcile-release}
shift $(( $# >= 2 ? 2 : 1 ))
reconcile=${RECONCILE:-reconcile}
mkdir -p "$outdir"

"$reconcile" plan -m "$manifests" --format json -o "$outdir/plan.json"
status=$?
if [ "$status" -eq 0 ]; then echo "apply-release: nothing to do"; exit 0; fi
[ "$status" -eq 2 ] || { echo "apply-release: reconcile plan failed (exit $status)" >&2; exit 1; }

"$reconcile" apply -m "$manifests" --yes "$@" | tee "$outdir/apply.log"
status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] || { echo "apply-release: reconcile apply failed (exit $status)" >&2; exit 1; }
echo "apply-release: applied; plan in $outdir/plan.json, log in $outdir/apply.log"
