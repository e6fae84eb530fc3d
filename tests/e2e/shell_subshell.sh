# Issue 4: the credentialed sub-shell, driven through tmux in real bash and real zsh
# against the local STS server.
source "$AWSUME_E2E_DIR/tmux_driver.sh"
source "$AWSUME_E2E_DIR/subshell_helpers.sh"

key_in_shell() {  # key_in_shell SESSION FILE: the shell's AWS_ACCESS_KEY_ID, via a file
    rm -f "$2"
    tmux_send "$1" "echo \"\$AWS_ACCESS_KEY_ID\" >$2"
    for _ in $(seq 1 50); do [ -s "$2" ] && break; sleep 0.1; done
    cat "$2"
}

aws_in_shell() {  # the real AWS CLI through the wrapper function; waits for its answer
    local tag=$2
    tmux_send "$1" "aws --endpoint-url $STS_URL --region us-east-1 sts get-caller-identity --query Arn --output text; echo DONE-\$((40+$tag))"
    tmux_wait "$1" "^DONE-$((40 + tag))\$" 30
}

prompt_seconds() {  # seconds shown in the last "(admin Ns) userprompt> " prompt
    tmux_capture "$1" | grep -oE '^\(admin [0-9]+s\) userprompt> ' | tail -n 1 | grep -oE '[0-9]+'
}

subshell_scenario() {  # subshell_scenario bash|zsh
    local kind=$1 s=sub
    shell_setup "$kind"
    printf 'refresh_before_expiry = 30s\n' >"$HOME/.awsume-shell/config.ini"
    # 62 s: credentials with a minute or less left are refused (docs/auto-refresh.md).
    ctl settings '{"credential_lifetime": 62}' >/dev/null
    ctl reset-calls >/dev/null
    # -r: new 62 s role credentials, through the cached MFA session.
    tmux_start $s "$AWSUME" admin -r
    tmux_wait $s '^\(admin (1m|[0-9]+s)\) userprompt> '
    expect_contains "$(tmux_capture $s)" "[admin] role credentials expire at"
    expect_eq "$(calls GetSessionToken)" 0 "GetSessionToken calls at start"
    expect_eq "$(calls AssumeRole)" 1 "AssumeRole calls at start"

    # The user's alias and prompt survive; the prompt counts down.
    tmux_send $s hello
    tmux_wait $s '^USER_ALIAS_WORKS'
    # The user's PROMPT_COMMAND / precmd hook still runs and still sees $?.
    tmux_send $s 'false'
    tmux_send $s 'echo "HOOK=$USER_HOOK"'
    tmux_wait $s '^HOOK=ran'
    expect_contains "$(tmux_capture $s)" "HOOK=ran1"
    for _ in $(seq 1 10); do  # until the countdown shows seconds (below a minute)
        [ -n "$(prompt_seconds $s)" ] && break
        sleep 1
        tmux_send $s ''
        sleep 0.3
    done
    first=$(prompt_seconds $s)
    sleep 2
    tmux_send $s ''
    sleep 0.5
    second=$(prompt_seconds $s)
    [ -n "$first" ] && [ -n "$second" ] && [ "$second" -lt "$first" ] ||
        fail "countdown did not decrease: '$first' then '$second'"

    # The wrapper passes its arguments through to the real AWS CLI; fresh: no refresh.
    key1=$(key_in_shell $s "$E2E_TMP/key1")
    aws_in_shell $s 1
    expect_contains "$(tmux_capture $s)" "arn:aws:sts::$ACCOUNT:assumed-role/admin/"
    expect_eq "$(calls AssumeRole)" 1 "AssumeRole calls while fresh"

    # No file under the temp folders holds the secret key while the shell runs.
    tmux_send $s "grep -rlF -- \"\$AWS_SECRET_ACCESS_KEY\" \"\$TMPDIR\" /tmp/awsume-shell.* 2>/dev/null | wc -l | sed 's/^/SECRET_FILES=/'"
    tmux_wait $s '^SECRET_FILES=[0-9]+'
    expect_contains "$(tmux_capture $s)" "SECRET_FILES=0"
    [ -n "$(ls -A "$E2E_TMP/tmp")" ] || fail "no rc folder under TMPDIR while the shell runs"
    expect_perm "$(echo "$E2E_TMP"/tmp/awsume-shell.*)" 700

    # Nesting is refused.
    tmux_send $s "$AWSUME admin; echo NEST=\$?"
    tmux_wait $s '^NEST=[0-9]+'
    expect_contains "$(tmux_capture $s)" "already in an awsume-shell session for admin; use --nested to start another"
    expect_contains "$(tmux_capture $s)" "NEST=2"

    # Below the margin the wrapper refreshes once, through the cached MFA session. The
    # margin is refresh_before_expiry (30 s) but at most a third of the credentials' 50 s
    # (docs/cache.md): 16 s.
    ctl settings '{"credential_lifetime": null}' >/dev/null
    while [ "$(prompt_seconds $s)" -ge 15 ]; do
        sleep 1
        tmux_send $s ''
        sleep 0.3
    done
    aws_in_shell $s 2
    aws_in_shell $s 3
    expect_eq "$(calls AssumeRole)" 2 "AssumeRole calls after two aws calls near expiry"
    expect_eq "$(calls GetSessionToken)" 0 "GetSessionToken calls (no MFA asked)"
    expect_not_contains "$(tmux_capture $s)" "MFA code" "screen"
    key2=$(key_in_shell $s "$E2E_TMP/key2")
    [ -n "$key2" ] && [ "$key2" != "$key1" ] || fail "access key did not change: $key1 -> $key2"
    tmux_wait $s '^\(admin [0-9hm]+\) userprompt> '

    # The shell's exit status is awsume-shell's; the rc folder is gone.
    tmux_send $s 'exit 5'
    expect_eq "$(tmux_wait_exit $s)" 5 "exit status"
    [ -z "$(ls -A "$E2E_TMP/tmp")" ] || fail "rc folder left behind: $(ls -A "$E2E_TMP/tmp")"
}

test_bash_subshell() { subshell_scenario bash; }
test_zsh_subshell() { subshell_scenario zsh; }

# A refresh that fails keeps the old credentials and says why in one line.
failed_refresh_scenario() {
    local kind=$1 s=fail
    shell_setup "$kind"
    tmux_start $s "$AWSUME" admin
    tmux_wait $s '^\(admin [0-9hm]+\) userprompt> '
    key1=$(key_in_shell $s "$E2E_TMP/key1")
    ctl fault '{"action": "AssumeRole", "kind": "503", "count": 10}' >/dev/null
    tmux_send $s 'awsume-shell-refresh; echo REFRESH=$?'
    tmux_wait $s '^REFRESH=[0-9]+' 30
    expect_contains "$(tmux_capture $s)" "REFRESH=1"
    expect_contains "$(tmux_capture $s)" "ServiceUnavailable"
    expect_faults_fired 3 "AssumeRole requests answered 503 (all attempts)"
    expect_eq "$(key_in_shell $s "$E2E_TMP/key2")" "$key1" "key after a failed refresh"
    ctl clear-faults >/dev/null
    tmux_send $s 'awsume-shell-refresh; echo REFRESH=$((1+1))'
    tmux_wait $s '^REFRESH=2' 30
    expect_contains "$(tmux_capture $s)" "awsume-shell: admin refreshed"
    [ "$(key_in_shell $s "$E2E_TMP/key3")" != "$key1" ] || fail "manual refresh kept the key"
    tmux_send $s "$AWSUME status"
    tmux_wait $s '^account: ' 30
    expect_contains "$(tmux_capture $s)" "arn:       arn:aws:sts::$ACCOUNT:assumed-role/admin/"
    tmux_send $s 'exit'
    expect_eq "$(tmux_wait_exit $s)" 0 "exit status"
}

test_bash_failed_and_manual_refresh() { failed_refresh_scenario bash; }
test_zsh_failed_and_manual_refresh() { failed_refresh_scenario zsh; }

colour_scenario() {
    local kind=$1 s=colour
    shell_setup "$kind"
    export AWS_SESSION_COLORS=1
    tmux_start $s "$AWSUME" admin
    tmux_wait $s '^\(admin [0-9hm]+\) userprompt> '
    expect_contains "$(tmux_capture $s -e)" $'\e[32m(admin ' "green prompt"
    tmux_send $s 'NO_COLOR=1'
    sleep 0.5
    expect_not_contains "$(tmux_capture $s -e | grep -E 'userprompt> $' | tail -n 1)" $'\e[' "prompt with NO_COLOR"
    tmux_send $s 'exit'
    expect_eq "$(tmux_wait_exit $s)" 0 "exit status"
}

test_bash_colour() { colour_scenario bash; }
test_zsh_colour() { colour_scenario zsh; }

# Ctrl-C at the MFA prompt: exit 130, no shell started, no rc folder left.
test_ctrl_c_at_mfa_prompt() {
    need tmux
    trap 'tmux_stop; e2e_cleanup' EXIT
    start_server "$(standard_world)"; standard_profiles
    mkdir -p "$E2E_TMP/tmp"
    export SHELL=/bin/bash TMPDIR=$E2E_TMP/tmp
    tmux_start mfa "$AWSUME" admin
    tmux_wait mfa 'MFA code'
    tmux_cmd send-keys -t mfa C-c
    expect_eq "$(tmux_wait_exit mfa)" 130 "exit status"
    [ -z "$(ls -A "$E2E_TMP/tmp")" ] || fail "left behind: $(ls -A "$E2E_TMP/tmp")"
    # Lock files may stay; no credentials file may be written, whole or half.
    [ -z "$(ls -A "$HOME/.awsume-shell/cache" 2>/dev/null | grep -v '\.lock$')" ] ||
        fail "cache written: $(ls -A "$HOME/.awsume-shell/cache")"
}

test_unsupported_shell_is_refused_before_mfa() {
    start_server "$(standard_world)"; standard_profiles
    expect_status 2 env SHELL=/usr/bin/fish "$AWSUME" admin
    expect_contains "$ERR" "unsupported shell 'fish'"
    expect_contains "$ERR" "supported: bash, zsh"
    expect_eq "$(calls '*')" 0 "STS calls"
}
