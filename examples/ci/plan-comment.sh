#!/usr/bin/env bash
# Pull-request job: writes the plan of MANIFESTS against $DATABASE_URL as a
# Markdown comment to OUT (default plan.md). Exits 0 whether or not there
# are changes (a plan is information, not a failure) and 1 when reconcile
# could not plan (bad manifests, unreachable database). Under GitHub Actions
# it also sets the step outputs `changes` (true/false) and `destructive`.
#   examples/ci/plan-comment.sh MANIFESTS [OUT]
set -uo pipefail
manifests=${1:?usage: plan-comment.sh MANIFESTS [OUT]}
out=${2:-plan.md}
reconcile=${RECONCILE:-reconcile}

"$reconcile" plan -m "$manifests" --format markdown -o "$out"
status=$?
case $status in
  0) changes=false ;;
  2) changes=true ;;
  *) echo "plan-comment: reconcile plan failed (exit $status)" >&2; exit 1 ;;
esac
destructive=false
grep -q '\*\*destructive\*\*' "$out" && destructive=true
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "changes=$changes" >>"$GITHUB_OUTPUT"
  echo "destructive=$destructive" >>"$GITHUB_OUTPUT"
fi
echo "plan-comment: changes=$changes destructive=$destructive, report in $out"
