#!/usr/bin/env bash
# Installs a built tree into a temp prefix and checks what lands there; builds
# the .deb with CPack and checks its contents and dependencies; drives the
# installed bash completion. Usage: install_test.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d /tmp/reconcile-install-XXXXXX)
trap 'rm -rf "$work"' EXIT
failures=0
check() {  # check DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@" >/dev/null 2>&1; then echo "ok: $what"; else echo "FAIL: $what"; failures=$((failures + 1)); fi
}

cmake --install "$build" --prefix "$work/prefix" >/dev/null
p="$work/prefix"
check "binary installed and runs" "$p/bin/reconcile" --version
check "manifest JSON Schema" test -s "$p/share/reconcile/schemas/manifest.schema.json"
check "project JSON Schema" test -s "$p/share/reconcile/schemas/project.schema.json"
check "docs" test -s "$p/share/doc/reconcile/manifest.md"
check "man page" test -s "$p/share/man/man1/reconcile.1"
command -v man >/dev/null && check "man page renders without warnings" bash -c "! man --warnings -l '$p/share/man/man1/reconcile.1' 2>&1 >/dev/null | grep -q ."
check "bash completion" test -s "$p/share/bash-completion/completions/reconcile"
check "zsh completion" test -s "$p/share/zsh/vendor-completions/_reconcile"

# The bash completion, as bash calls it: COMP_WORDS and COMP_CWORD set,
# COMPREPLY read back.
complete_words() {  # complete_words WORD... (the last is being completed)
  PATH="$p/bin:$PATH" bash -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
    _reconcile
    printf "%s\n" "${COMPREPLY[@]}"' _ "$p/share/bash-completion/completions/reconcile" "$@"
}
export -f complete_words; export p
check "completes commands" bash -c '[ "$(echo $(complete_words reconcile dr))" = drift ]'
check "completes a command's options" bash -c 'complete_words reconcile plan --for | grep -qx -- --format'
check "completes plan formats" bash -c '[ "$(echo $(complete_words reconcile plan --format ""))" = "text sql json markdown" ]'
check "completes drift formats" bash -c '[ "$(echo $(complete_words reconcile drift --format m))" = markdown ]'

# The package: what it holds and what it depends on.
(cd "$work" && cpack --config "$build/CPackConfig.cmake" -B "$work/package" >"$work/cpack.log" 2>&1) ||
  { cat "$work/cpack.log"; echo "FAIL: cpack"; exit 1; }
deb=$(ls "$work"/package/*.deb)
check "package holds the binary" bash -c "dpkg-deb -c '$deb' | grep -q ' ./usr/bin/reconcile$'"
check "package holds the man page" bash -c "dpkg-deb -c '$deb' | grep -q 'man1/reconcile.1'"
check "package holds the schema" bash -c "dpkg-deb -c '$deb' | grep -q 'schemas/manifest.schema.json'"
check "package depends on libpq" bash -c "dpkg-deb -f '$deb' Depends | grep -q libpq5"

[ "$failures" -eq 0 ] || { echo "$failures checks failed"; exit 1; }
