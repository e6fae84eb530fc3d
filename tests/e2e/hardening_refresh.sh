# Issue 8, items 18-20, 22, 24: the -a refresher, signals at the sub-shell and at
# provision-mfa's prompt, Environment-sourced sub-shells, prompt prefixes.
source "$AWSUME_E2E_DIR/tmux_driver.sh"
source "$AWSUME_E2E_DIR/subshell_helpers.sh"

# --- item 18: credentials that are expired or about to expire ------------------------
test_expired_credentials_are_an_error_and_not_cached() {
    start_server "$(standard_world)"; standard_profiles
    ctl settings '{"credential_lifetime": -10}' >/dev/null
    expect_status 1 "$AWSUME" export partner
    expect_contains "$ERR" "awsume-shell: "
    expect_contains "$ERR" "expire"
    expect_eq "$OUT" "" "stdout"
    [ -z "$(ls -A "$HOME/.awsume-shell/cache" 2>/dev/null | grep -v '\.lock$')" ] ||
        fail "expired credentials were cached: $(ls -A "$HOME/.awsume-shell/cache")"
    # Less than a minute left is refused too.
    ctl settings '{"credential_lifetime": 30}' >/dev/null
    expect_status 1 "$AWSUME" export partner
    expect_contains "$ERR" "expire"
    # Sound credentials afterwards are fetched (nothing bad was kept).
    ctl settings '{"credential_lifetime": null}' >/dev/null
    expect_status 0 "$AWSUME" export partner
}

test_auto_refresh_does_not_busy_loop_on_short_credentials() {
    trap 'stop_own_refreshers; e2e_cleanup' EXIT
    start_server "$(standard_world)"; standard_profiles
    # 120 s credentials: less than the 5 min refresh margin is left from the start.
    ctl settings '{"credential_lifetime": 120}' >/dev/null
    expect_status 0 "$AWSUME" exec partner -o partner-out -a -- true
    # The refresher waits its floor (30 s) before the first renewal; in 3 s it makes none.
    sleep 3
    expect_eq "$(calls AssumeRole)" 1 "AssumeRole calls after 3 s"
}

# --- item 19: one refresher per output profile; --list / --stop; what it exposes ------
refresher_pids() {  # the test's own refreshers (not the short-lived starters)
    local pid
    for pid in $(own_pids); do
        [ "$(ps -o ppid= -p "$pid" | tr -d ' ')" = 1 ] && echo "$pid"
    done
}
wait_refreshers() {  # wait_refreshers N: until N refreshers of this test run (5 s at most)
    for _ in $(seq 1 50); do
        [ "$(refresher_pids | wc -l)" = "$1" ] && return
        sleep 0.1
    done
}
output_key() {  # output_key PROFILE: its aws_access_key_id in the credentials file
    sed -n "/^\[$1\]/,/^\[/p" "$HOME/.aws/credentials" | sed -n 's/^aws_access_key_id = //p'
}

test_second_auto_refresh_replaces_the_first_and_list_shows_it() {
    trap 'stop_own_refreshers; e2e_cleanup' EXIT
    start_server "$(standard_world)"; standard_profiles
    expect_status 0 "$AWSUME" exec partner -o out -a -- true
    expect_status 0 "$AWSUME" exec partner -o out -a -- true
    expect_status 0 "$AWSUME" exec partner -o other -a -- true
    # The second refresher of "out" has replaced the first (it waits for its lock).
    wait_refreshers 2
    expect_eq "$(refresher_pids | wc -l)" 2 "refreshers for two output profiles"
    expect_status 0 "$AWSUME" auto-refresh --list
    expect_contains "$OUT" "PROFILE"
    expect_eq "$(grep -c '^out ' <<<"$OUT")" 1 "rows for out"
    expect_eq "$(grep -c '^other ' <<<"$OUT")" 1 "rows for other"
    row=$(grep '^out ' <<<"$OUT")
    pid=$(awk '{print $2}' <<<"$row")
    refresher_pids | grep -qx "$pid" || fail "--list names pid $pid, not a running refresher: $(refresher_pids)"
    expect_contains "$row" " partner "
    expect_contains "$row" "Z"
}

test_auto_refresh_stop_and_stop_all() {
    trap 'stop_own_refreshers; e2e_cleanup' EXIT
    start_server "$(standard_world)"; standard_profiles
    expect_status 0 "$AWSUME" exec partner -o out -a -- true
    expect_status 0 "$AWSUME" exec partner -o other -a -- true
    wait_refreshers 2
    expect_status 0 "$AWSUME" auto-refresh --stop out
    expect_contains "$ERR" "stopped the auto-refresh of 'out'"
    expect_eq "$(refresher_pids | wc -l)" 1 "refreshers after --stop out"
    expect_status 2 "$AWSUME" auto-refresh --stop out
    expect_contains "$ERR" "no auto-refresh is running for 'out'"
    expect_status 0 "$AWSUME" auto-refresh --stop-all
    expect_eq "$(refresher_pids | wc -l)" 0 "refreshers after --stop-all"
    expect_status 0 "$AWSUME" auto-refresh --list
    expect_eq "$OUT" "" "--list with none running"
    expect_contains "$(cat "$HOME/.awsume-shell/auto-refresh-out.log")" "stopped"
}

test_auto_refresh_hides_the_mfa_code_closes_descriptors_and_logs_times() {
    trap 'stop_own_refreshers; e2e_cleanup' EXIT
    start_server "$(standard_world)"; standard_profiles
    code=$(totp $ALICE_SEED)
    expect_status 0 "$AWSUME" exec admin --mfa-code "$code" -o out -a -- true 7>"$E2E_TMP/extra-fd"
    for _ in $(seq 1 50); do
        [ -n "$(refresher_pids)" ] && grep -q started "$HOME/.awsume-shell/auto-refresh-out.log" 2>/dev/null && break
        sleep 0.1
    done
    pid=$(refresher_pids)
    [ -n "$pid" ] || fail "no refresher is running"
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline")
    expect_not_contains "$cmdline" "$code" "refresher command line"
    expect_not_contains "$cmdline" "--mfa-code" "refresher command line"
    # Nothing inherited (the caller's fd 7): 0-2 and its own lock file only. Right after
    # "started" it writes its registry record (a temporary file, then an fsync of the
    # folder: a descriptor 4 for a moment), so wait for that to pass; an inherited
    # descriptor never goes.
    for _ in $(seq 1 50); do
        fds=$(ls "/proc/$pid/fd" | sort -n | tr '\n' ' ')
        [ "$fds" = "0 1 2 3 " ] && break
        sleep 0.1
    done
    expect_eq "$fds" "0 1 2 3 " "refresher descriptors"
    expect_eq "$(readlink "/proc/$pid/fd/3")" "$HOME/.awsume-shell/cache/auto-refresh/out.lock" "fd 3"
    expect_eq "$(readlink "/proc/$pid/fd/2")" "$HOME/.awsume-shell/auto-refresh-out.log" "stderr"
    expect_eq "$(readlink "/proc/$pid/fd/0")" /dev/null "refresher stdin"
    expect_eq "$(ps -o sid= -p "$pid" | tr -d ' ')" "$(ps -o pgid= -p "$pid" | tr -d ' ')" "own session"
    line=$(head -n 1 "$HOME/.awsume-shell/auto-refresh-out.log")
    [[ $line =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\ awsume-shell:\  ]] ||
        fail "log line without an ISO 8601 UTC time: $line"
}

test_auto_refresh_leaves_no_zombie_in_a_subshell() {
    shell_setup bash
    trap 'tmux_stop; stop_own_refreshers; e2e_cleanup' EXIT
    local s=zombie
    tmux_start $s "$AWSUME" admin -o out -a
    tmux_wait $s '^\(admin [0-9hm]+\) userprompt> '
    local parent=
    for pid in $(own_pids); do
        [ "$(ps -o ppid= -p "$pid" | tr -d ' ')" != 1 ] && parent=$pid
    done
    [ -n "$parent" ] || fail "no awsume-shell parent of the sub-shell"
    zombies=$(ps -o stat= --ppid "$parent" | grep -c Z)
    expect_eq "$zombies" 0 "zombie children of awsume-shell (pid $parent)"
    tmux_send $s 'exit'
    tmux_wait_exit $s >/dev/null
}

o_subshell_refresh() {  # o_subshell_refresh bash|zsh
    shell_setup "$1"
    local s=orefresh
    tmux_start $s "$AWSUME" admin -o out
    tmux_wait $s '^\(admin [0-9hm]+\) userprompt> '
    first=$(output_key out)
    tmux_send $s 'awsume-shell-refresh; echo "REFRESHED=$? PROFILE=${AWS_PROFILE-unset} KEY=$AWS_ACCESS_KEY_ID"'
    tmux_wait $s '^REFRESHED=[0-9]' 30
    line=$(tmux_capture $s | grep '^REFRESHED=' | tail -n 1)
    expect_contains "$line" "REFRESHED=0 PROFILE=out "
    key=${line##*KEY=}
    [ "$key" != "$first" ] || fail "the refresh did not renew the credentials"
    expect_eq "$(output_key out)" "$key" "output profile after the sub-shell's refresh"
    tmux_send $s 'exit'
    tmux_wait_exit $s >/dev/null
}
test_o_subshell_refresh_keeps_the_output_profile_bash() { o_subshell_refresh bash; }
test_o_subshell_refresh_keeps_the_output_profile_zsh() { o_subshell_refresh zsh; }

# --- item 20: SIGTERM ends a sub-shell; every signal at provision-mfa's prompt deletes
# the device it created ------------------------------------------------------------------
subshell_parent_pid() {  # the awsume-shell waiting for the sub-shell
    local pid
    for pid in $(own_pids); do
        tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$1" && echo "$pid"
    done
}

sigterm_ends_subshell() {  # sigterm_ends_subshell bash|zsh
    shell_setup "$1"
    local s=term
    tmux_start $s "$AWSUME" admin
    tmux_wait $s '^\(admin [0-9hm]+\) userprompt> '
    pid=$(subshell_parent_pid "awsume-shell admin")
    [ -n "$pid" ] || fail "no awsume-shell process"
    kill -TERM "$pid"
    expect_eq "$(tmux_wait_exit $s 10)" 143 "exit status after SIGTERM"
    [ -z "$(ls -A "$TMPDIR")" ] || fail "rc folder left behind: $(ls -A "$TMPDIR")"
}
test_sigterm_ends_a_bash_subshell() { sigterm_ends_subshell bash; }
test_sigterm_ends_a_zsh_subshell() { sigterm_ends_subshell zsh; }

PM_KEY=AKIACAROLEXAMPLE0003
PM_SECRET='carol/Secret+Key/EXAMPLE0000000000000003'
signal_at_provision_prompt() {  # signal_at_provision_prompt SIGNAL EXIT_STATUS
    need tmux; need oathtool
    start_server "{\"accounts\": {\"$ACCOUNT\": {\"users\": {\"carol\": {\"access_keys\": [{\"id\": \"$PM_KEY\", \"secret\": \"$PM_SECRET\"}], \"mfa_devices\": []}}, \"roles\": {}}}}"
    printf '[carol]\naws_access_key_id = %s\naws_secret_access_key = %s\n' "$PM_KEY" "$PM_SECRET" >"$HOME/.aws/credentials"
    printf '[profile carol]\nregion = eu-west-1\n' >"$HOME/.aws/config"
    trap 'tmux_stop; e2e_cleanup' EXIT
    local s=pm
    tmux_start $s "$AWSUME" provision-mfa --profile carol
    tmux_wait $s 'First code:'
    expect_eq "$(ctl mfa-devices | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" 1 "devices at the prompt"
    pid=$(subshell_parent_pid provision-mfa)
    [ -n "$pid" ] || fail "no provision-mfa process"
    kill "-$1" "$pid"
    expect_eq "$(tmux_wait_exit $s 10)" "$2" "exit status after SIG$1"
    expect_eq "$(ctl mfa-devices | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" 0 "devices left after SIG$1"
}
test_sigterm_at_provision_mfa_prompt_deletes_the_device() { signal_at_provision_prompt TERM 143; }
test_sighup_at_provision_mfa_prompt_deletes_the_device() { signal_at_provision_prompt HUP 129; }
test_sigquit_at_provision_mfa_prompt_deletes_the_device() { signal_at_provision_prompt QUIT 131; }

# --- item 24: our prompt prefix is found and replaced wherever it stands ---------------
prefix_after_prepend() {  # prefix_after_prepend bash|zsh
    shell_setup "$1"
    local s=prepend var=PS1 status='\$?'
    [ "$1" = zsh ] && var=PROMPT status='%?'
    # 62 s credentials: the prefix shows "1m", then seconds after two seconds.
    ctl settings '{"credential_lifetime": 62}' >/dev/null
    tmux_start $s "$AWSUME" admin -r
    tmux_wait $s '^\(admin 1m\) userprompt> '
    # What a venv's activate does, and a user's own status prefix.
    tmux_send $s "$var=\"(venv) \${$var}\"; $var=\"rc=$status \${$var}\""
    tmux_wait $s '^rc=0 \(venv\) \(admin [0-9]+[ms]\) userprompt> '
    for _ in $(seq 1 10); do  # until the countdown shows seconds: the prefix is live
        tmux_capture $s | grep -qE '^rc=0 \(venv\) \(admin [0-9]+s\) userprompt> $' && break
        sleep 1
        tmux_send $s ''
        sleep 0.3
    done
    tmux_wait $s '^rc=0 \(venv\) \(admin [0-9]+s\) userprompt> $'
    last=$(tmux_capture $s | grep 'userprompt> ' | tail -n 1)
    expect_eq "$(grep -o '(admin' <<<"$last" | wc -l)" 1 "prefixes in '$last'"
    tmux_send $s 'exit'
    tmux_wait_exit $s >/dev/null
}
test_prompt_prefix_is_replaced_in_place_bash() { prefix_after_prepend bash; }
test_prompt_prefix_is_replaced_in_place_zsh() { prefix_after_prepend zsh; }

# --- item 22: a credential_source = Environment session says it cannot refresh ---------
test_environment_sourced_subshell_says_it_cannot_refresh() {
    shell_setup bash
    printf '\n[profile envrole]\nrole_arn = arn:aws:iam::%s:role/readonly\ncredential_source = Environment\n' \
        "$ACCOUNT" >>"$HOME/.aws/config"
    local s=env
    AWS_ACCESS_KEY_ID=$BOB_KEY AWS_SECRET_ACCESS_KEY=$BOB_SECRET tmux_start $s "$AWSUME" envrole
    tmux_wait $s '^\(envrole [0-9hm]+\) userprompt> '
    expect_contains "$(tmux_capture $s)" "[envrole] this session cannot be refreshed"
    tmux_send $s 'echo "SECRET=${AWS_SECRET_ACCESS_KEY}"'
    tmux_wait $s '^SECRET='
    expect_not_contains "$(tmux_capture $s)" "SECRET=$BOB_SECRET" "the sub-shell's environment"
    tmux_send $s 'awsume-shell-refresh; echo "REFRESH=$?"'
    tmux_wait $s '^REFRESH=[0-9]' 30
    screen=$(tmux_capture $s)
    expect_contains "$screen" "REFRESH=1"
    expect_contains "$screen" "profile 'envrole'"
    expect_contains "$screen" "credential_source = Environment"
    expect_not_contains "$screen" "profile ''"
    tmux_send $s 'exit'
    tmux_wait_exit $s >/dev/null
}

test_a_subshell_refresh_replaces_its_refresher() {
    shell_setup bash
    trap 'tmux_stop; stop_own_refreshers; e2e_cleanup' EXIT
    local s=arefresh
    tmux_start $s "$AWSUME" admin -o out -a
    tmux_wait $s '^\(admin [0-9hm]+\) userprompt> '
    wait_refreshers 1
    first=$(refresher_pids)
    [ -n "$first" ] || fail "no refresher after -a"
    # The refresh runs inside $(...): the refresher it starts must not hold that pipe open.
    tmux_send $s 'awsume-shell-refresh; echo "REFRESHED=$? PROFILE=${AWS_PROFILE-unset}"'
    tmux_wait $s '^REFRESHED=[0-9]' 20
    expect_contains "$(tmux_capture $s | grep '^REFRESHED=' | tail -n 1)" "REFRESHED=0 PROFILE=out"
    for _ in $(seq 1 50); do
        now=$(refresher_pids)
        [ -n "$now" ] && [ "$now" != "$first" ] && break
        sleep 0.1
    done
    expect_eq "$(refresher_pids | wc -l)" 1 "refreshers after the sub-shell's refresh"
    [ "$now" != "$first" ] || fail "the refresher was not replaced (pid $first)"
    tmux_send $s 'exit'
    tmux_wait_exit $s >/dev/null
}

test_auto_refresh_logs_of_similar_names_stay_apart() {
    trap 'stop_own_refreshers; e2e_cleanup' EXIT
    start_server "$(standard_world)"; standard_profiles
    # The log's name is made from the output profile's as the registry's files are, so
    # that two names never share a log (a.b and a_b did when both became a_b).
    expect_status 0 "$AWSUME" exec partner -o a.b -a -- true
    expect_status 0 "$AWSUME" exec partner -o a_b -a -- true
    wait_refreshers 2
    expect_status 0 "$AWSUME" auto-refresh --stop a.b
    expect_contains "$(cat "$HOME/.awsume-shell/auto-refresh-a.b.log")" "auto-refresh of 'a.b'"
    expect_not_contains "$(cat "$HOME/.awsume-shell/auto-refresh-a_b.log")" "'a.b'" "a_b's log"
}

test_auto_refresh_holds_the_aws_module_it_started_with() {
    trap 'stop_own_refreshers; e2e_cleanup' EXIT
    start_server "$(standard_world)"; standard_profiles
    # Loaded at its start, not at its first renewal: a package upgrade that replaces the
    # module later (a module of another build is refused) does not stop it renewing.
    expect_status 0 "$AWSUME" exec partner -o out -a -- true
    wait_refreshers 1
    for _ in $(seq 1 50); do
        grep -q "started" "$HOME/.awsume-shell/auto-refresh-out.log" 2>/dev/null && break
        sleep 0.1
    done
    pid=$(refresher_pids)
    [ -n "$pid" ] || fail "no refresher is running"
    grep -q 'libawsume-shell-aws\.so' "/proc/$pid/maps" || fail "the refresher has not loaded the AWS module"
}
