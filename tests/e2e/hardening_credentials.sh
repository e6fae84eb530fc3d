# Issue 8, items 23, 25-28: the MFA prompt, short roles in the cache, --role-duration on a
# cache hit, profile_name_prefix, mistyped commands, a profile cycle's file:line, a server
# secret with a control character.
source "$AWSUME_E2E_DIR/tmux_driver.sh"

# A role bob may assume for up to 12 h (readonly stops at 1 h).
long_role_world() {
    standard_world | python3 -c '
import json, sys
w = json.load(sys.stdin)
w["accounts"]["111122223333"]["roles"]["ops"] = {
    "trust": ["arn:aws:iam::111122223333:user/bob"], "max_session_duration": 43200}
print(json.dumps(w))'
}

# wait_count NAME TEXT N: until TEXT is on N lines of the screen (a prompt asked N times).
wait_count() {
    local i
    for ((i = 0; i < 100; i++)); do
        [ "$(tmux_capture "$1" | grep -c -- "$2")" -ge "$3" ] && return 0
        [ -e "$E2E_TMP/status.$1" ] && break
        sleep 0.1
    done
    fail "'$2' not shown $3 times: $(tmux_capture "$1")"
}

# Seconds left of the credentials `exec` hands out (AWSUME_SHELL_EXPIRES - now).
seconds_left() { echo $(( $1 - $(date +%s) )); }

# --- item 23: the MFA prompt ------------------------------------------------------------
test_mfa_prompt_asks_again_on_empty_and_malformed_lines_and_takes_spaced_codes() {
    need tmux; need oathtool
    start_server "$(standard_world)"; standard_profiles
    tmux_start p "$AWSUME" exec admin -- sh -c 'echo KEY=$AWS_ACCESS_KEY_ID >"$1"' _ "$E2E_TMP/key"
    tmux_wait p "Enter MFA code for $ALICE_MFA" 10 || fail "no prompt"
    tmux_send p ""
    tmux_wait p "six digits" 10
    tmux_send p "12ab56"
    wait_count p "six digits" 2
    # As authenticator apps show it: "240 191".
    code=$(totp $ALICE_SEED)
    tmux_send p "${code:0:3} ${code:3:3}"
    expect_eq "$(tmux_wait_exit p 15)" 0 "exit status: $(tmux_capture p)"
    expect_contains "$(cat "$E2E_TMP/key")" "KEY=ASIA"
    expect_eq "$(calls GetSessionToken)" 1 "GetSessionToken calls (no call spent on a bad line)"
    tmux_stop
}

test_mfa_prompt_gives_up_after_three_bad_lines_with_exit_3() {
    need tmux
    start_server "$(standard_world)"; standard_profiles
    tmux_start p sh -c '"$1" exec admin -- true 2>"$2"' _ "$AWSUME" "$E2E_TMP/stderr"
    tmux_wait p "Enter MFA code" 10
    tmux_send p ""
    tmux_wait p "six digits" 10
    tmux_send p "abc"
    wait_count p "six digits" 2
    tmux_send p "1234"
    expect_eq "$(tmux_wait_exit p 15)" 3 "exit status"
    expect_contains "$(cat "$E2E_TMP/stderr")" "awsume-shell: no six-digit MFA code"
    expect_eq "$(total_calls)" 0 "STS calls"
    tmux_stop
}

test_typed_ahead_lines_do_not_spill_into_the_parent_shell() {
    need tmux; need oathtool
    start_server "$(standard_world)"; standard_profiles
    # The "parent shell": whatever is left in the terminal after awsume-shell ends is read here.
    cat >"$E2E_TMP/parent.sh" <<EOF
"$AWSUME" exec admin -- true
echo "status=\$?" >"$E2E_TMP/parent.out"
stty -icanon min 0 time 5
rest=\$(dd bs=1 count=200 2>/dev/null | tr -d '\r\n')
echo "LEFT=[\$rest]" >>"$E2E_TMP/parent.out"
EOF
    tmux_start p bash "$E2E_TMP/parent.sh"
    tmux_wait p "Enter MFA code" 10
    # One burst, as a paste: the code, then a line meant for nobody (one tmux command, so
    # one write to the terminal).
    tmux_cmd send-keys -t p "$(totp $ALICE_SEED)" Enter "touch SPILLED" Enter
    tmux_wait_exit p 15 >/dev/null
    expect_contains "$(cat "$E2E_TMP/parent.out")" "status=0"
    expect_contains "$(cat "$E2E_TMP/parent.out")" "LEFT=[]"
    tmux_stop
}

# --- item 25: roles that live no longer than refresh_before_expiry ----------------------
test_short_role_is_served_from_the_cache() {
    start_server "$(standard_world)"; standard_profiles
    printf '\n[profile short]\nrole_arn = arn:aws:iam::%s:role/readonly\nsource_profile = bob\nduration_seconds = 900\n' \
        "$ACCOUNT" >>"$HOME/.aws/config"
    expect_status 0 "$AWSUME" exec short -- sh -c 'echo $AWS_ACCESS_KEY_ID'
    first=$OUT
    expect_status 0 "$AWSUME" exec short -- sh -c 'echo $AWS_ACCESS_KEY_ID'
    expect_eq "$OUT" "$first" "key of the second run"
    expect_eq "$(calls AssumeRole)" 1 "AssumeRole calls for two runs of a 15 min role"
}

# --- item 26: --role-duration and profile_name_prefix -----------------------------------
test_longer_role_duration_is_not_served_by_a_shorter_cached_entry() {
    start_server "$(long_role_world)"; standard_profiles
    printf '\n[profile ops]\nrole_arn = arn:aws:iam::%s:role/ops\nsource_profile = bob\n' "$ACCOUNT" >>"$HOME/.aws/config"
    expect_status 0 "$AWSUME" exec ops -- sh -c 'echo $AWSUME_SHELL_EXPIRES'
    [ "$(seconds_left "$OUT")" -le 3600 ] || fail "default lifetime above 1 h: $OUT"
    expect_status 0 "$AWSUME" exec ops --role-duration 7200 -- sh -c 'echo $AWSUME_SHELL_EXPIRES'
    [ "$(seconds_left "$OUT")" -gt 7000 ] || fail "--role-duration 7200 got $(seconds_left "$OUT") s"
    expect_eq "$(calls AssumeRole)" 2 "AssumeRole calls (1 h entry does not serve 2 h)"
    # The 2 h entry serves any shorter request.
    expect_status 0 "$AWSUME" exec ops --role-duration 3600 -- true
    expect_status 0 "$AWSUME" exec ops -- true
    expect_eq "$(calls AssumeRole)" 2 "AssumeRole calls after shorter requests"
}

test_profile_name_prefix_names_the_auto_refreshed_output_profile() {
    # The -a refreshers started below are this test's own: ended by PID when it ends.
    trap 'stop_own_refreshers; e2e_cleanup' EXIT
    start_server "$(long_role_world)"; standard_profiles
    printf '\n[profile ops]\nrole_arn = arn:aws:iam::%s:role/ops\nsource_profile = bob\n' "$ACCOUNT" >>"$HOME/.aws/config"
    mkdir -p "$HOME/.awsume-shell"
    printf '[settings]\nprofile_name_prefix = corp\n' >"$HOME/.awsume-shell/config.ini"
    expect_status 0 "$AWSUME" exec ops -a -- sh -c 'echo $AWS_PROFILE'
    expect_eq "$OUT" "corp-ops" "AWS_PROFILE"
    grep -q '^\[corp-ops\]' "$HOME/.aws/credentials" || fail "no [corp-ops]: $(cat "$HOME/.aws/credentials")"
    # Without a prefix, uber's default: the account id.
    rm "$HOME/.awsume-shell/config.ini"
    expect_status 0 "$AWSUME" exec ops -a -- sh -c 'echo $AWS_PROFILE'
    expect_eq "$OUT" "$ACCOUNT-ops" "AWS_PROFILE without a prefix"
}

# --- item 27: mistyped commands, profile cycles -----------------------------------------
test_mistyped_command_is_refused_with_did_you_mean() {
    standard_profiles
    expect_status 2 "$AWSUME" exce bob -- true
    expect_contains "$ERR" "did you mean 'exec'"
    expect_eq "$(echo "$ERR" | wc -l)" 1 "error lines"
    expect_status 2 "$AWSUME" lsit --json
    expect_contains "$ERR" "did you mean 'list'"
    # A profile of that exact name is the profile.
    printf '\n[lsit]\naws_access_key_id = %s\naws_secret_access_key = %s\n' "$BOB_KEY" "$BOB_SECRET" \
        >>"$HOME/.aws/credentials"
    SHELL=/bin/bash expect_status 0 "$AWSUME" lsit </dev/null
}

test_profile_cycle_names_file_and_line() {
    standard_profiles
    printf '[profile loop1]\nrole_arn = arn:aws:iam::%s:role/x\nsource_profile = loop2\n[profile loop2]\nrole_arn = arn:aws:iam::%s:role/y\nsource_profile = loop1\n' \
        "$ACCOUNT" "$ACCOUNT" >"$HOME/.aws/config"
    expect_status 2 "$AWSUME" exec loop1 -- true
    expect_contains "$ERR" "$HOME/.aws/config:6:"
    expect_contains "$ERR" "loop1 -> loop2 -> loop1"
}

# --- item 28: a server secret with a control character ----------------------------------
test_server_secret_with_a_newline_is_a_server_error() {
    start_server "$(standard_world)"; standard_profiles
    ctl fault '{"action": "AssumeRole", "kind": "control_in_secret"}' >/dev/null
    expect_status 1 "$AWSUME" exec partner -- true
    expect_eq "$(echo "$ERR" | wc -l)" 1 "error lines"
    expect_faults_fired 1 "answers with a control character in the secret"
    ctl fault '{"action": "AssumeRole", "kind": "control_in_secret", "field": "SessionToken"}' >/dev/null
    expect_status 1 "$AWSUME" export partner
    expect_eq "$OUT" "" "stdout"
    expect_faults_fired 2 "answers with a control character in the secret or token"
    expect_eq "$(find "$HOME/.awsume-shell" -name '*.json' 2>/dev/null | wc -l)" 0 "cache files"
}
