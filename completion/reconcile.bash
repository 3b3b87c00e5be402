# bash completion for reconcile. Options are read from `reconcile <command>
# --help`, so they stay in step with the binary; format choices likewise.
_reconcile() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  local commands="export validate plan apply drift help"
  if [ "$COMP_CWORD" -eq 1 ]; then
    mapfile -t COMPREPLY < <(compgen -W "$commands --help --version" -- "$cur")
    return
  fi
  local command=${COMP_WORDS[1]}
  if [ "$command" = help ]; then
    [ "$COMP_CWORD" -eq 2 ] && mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
    return
  fi
  local help
  help=$("${COMP_WORDS[0]}" "$command" --help 2>/dev/null) || return
  case $prev in
    -m|--manifests|-o|--output)
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      return ;;
    --format)
      # "--format arg (=text)   text, sql, json, markdown"
      local choices
      choices=$(printf '%s\n' "$help" | sed -n 's/.*--format arg ([^)]*)//p' | tr ',' ' ')
      mapfile -t COMPREPLY < <(compgen -W "$choices" -- "$cur")
      return ;;
    -d|--database|--dev-database|-s|--schema|--lock-timeout|--statement-timeout)
      return ;;
  esac
  mapfile -t COMPREPLY < <(compgen -W "$(printf '%s\n' "$help" | grep -oE -- '--[a-z-]+' | sort -u)" -- "$cur")
}
complete -F _reconcile reconcile
