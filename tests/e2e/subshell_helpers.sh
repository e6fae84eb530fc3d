# Shared by the sub-shell suites (shell_subshell.sh, shell_edge_cases.sh): a user with
# their own rc files, and a server with a warm MFA session. Not a suite itself.

# A user whose own rc file sets an alias and a prompt; awsume-shell must keep both.
user_rc_files() {
    cat >"$HOME/.bashrc" <<'RC'
alias hello='echo USER_ALIAS_WORKS'
PS1='userprompt> '
PROMPT_COMMAND='USER_HOOK=ran$?'
RC
    cat >"$HOME/.zshrc" <<'RC'
alias hello='echo USER_ALIAS_WORKS'
PROMPT='userprompt> '
user_hook() { USER_HOOK=ran$? }
precmd_functions+=(user_hook)
RC
}

# Sets up server, profiles and a warm MFA session; exports what the sub-shell needs.
shell_setup() {  # shell_setup bash|zsh
    need tmux
    need "$1"
    trap 'tmux_stop; e2e_cleanup' EXIT
    start_server "$(standard_world)"; standard_profiles; user_rc_files
    mkdir -p "$E2E_TMP/tmp" "$HOME/.awsume-shell"
    # MFA session (12 h) and role credentials in the cache; later starts ask no code.
    "$AWSUME" exec admin --mfa-code "$(totp $ALICE_SEED)" -- true || fail "warm-up"
    export SHELL=$(command -v "$1") TMPDIR=$E2E_TMP/tmp PATH=/usr/bin:/bin
    export AWS_SESSION_COLORS=0 AWS_DEFAULT_REGION=us-east-1
}
