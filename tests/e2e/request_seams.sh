# One request type and its seams: the session variable a sub-shell carries, the debug
# setting every command honours, the AWS client options every command builds the same way.

# What `awsume-shell shell bob` puts into the sub-shell, without a terminal.
in_session() {  # in_session CMD...: CMD with bob's keys and a session for bob
    env AWSUME_SHELL_SESSION='{"profile":"bob","v":1}' AWSUME_PROFILE=bob \
        AWS_ACCESS_KEY_ID="$BOB_KEY" AWS_SECRET_ACCESS_KEY="$BOB_SECRET" "$@"
}

test_status_debug_traces_the_call() {
    start_server "$(standard_world)"; standard_profiles
    expect_status 0 in_session "$AWSUME" status --debug
    expect_contains "$OUT" "arn:       arn:aws:iam::$ACCOUNT:user/bob"
    expect_contains "$ERR" "awsume-shell: debug:" "status --debug stderr"
    expect_contains "$ERR" "GetCallerIdentity" "status --debug stderr"
    expect_not_contains "$ERR" "$BOB_SECRET" "debug output"
}

test_status_debug_from_the_environment() {
    start_server "$(standard_world)"; standard_profiles
    for variable in AWSUME_SHELL_DEBUG AWS_SESSION_DEBUG; do
        expect_status 0 in_session env "$variable=1" "$AWSUME" status
        expect_contains "$ERR" "awsume-shell: debug:" "status stderr with $variable=1"
        expect_not_contains "$ERR" "$BOB_SECRET" "debug output"
    done
    expect_status 0 in_session "$AWSUME" status
    expect_not_contains "$ERR" "debug:" "status stderr without --debug"
}

# A sub-shell started by an older binary keeps its AWSUME_SHELL_SESSION: every key that
# binary wrote still reads, so its refresh still works.
test_refresh_reads_a_session_of_every_key() {
    start_server "$(standard_world)"; standard_profiles
    session='{"config_file":"'$HOME'/.aws/config","credentials_file":"'$HOME'/.aws/credentials",'
    session+='"output_profile":"out","profile":"partner","region":"eu-west-2","role_duration":900,'
    session+='"session_duration":900,"session_name":"me","v":1}'
    expect_status 0 env AWSUME_SHELL_SESSION="$session" "$AWSUME" refresh
    expect_contains "$OUT" "export AWS_SESSION_TOKEN="
    expect_contains "$OUT" "export AWS_REGION=eu-west-2"
    expect_contains "$(cat "$HOME/.aws/credentials")" "[out]"
    key=$(printf '%s\n' "$OUT" | sed -n "s/^export AWS_ACCESS_KEY_ID='\{0,1\}\([A-Z0-9]*\).*/\1/p")
    expect_eq "$(ctl credentials "$key" | python3 -c 'import json,sys; print(json.load(sys.stdin)["session_name"])')" \
        me "session name of the refreshed role"
}

test_refresh_refuses_a_session_with_an_unknown_key() {
    start_server "$(standard_world)"; standard_profiles
    expect_status 2 env AWSUME_SHELL_SESSION='{"v":1,"profile":"bob","mfa_code":"123456"}' "$AWSUME" refresh
    expect_contains "$ERR" "AWSUME_SHELL_SESSION"
    expect_eq "$(printf '%s\n' "$ERR" | wc -l)" 1 "error lines"
}

# status reaches AWS with the client options every command gets, the per-attempt cap too.
test_status_honours_the_http_timeout_setting() {
    start_server "$(standard_world)"; standard_profiles
    expect_status 2 in_session env AWSUME_SHELL_HTTP_TIMEOUT_MS=soon "$AWSUME" status
    expect_contains "$ERR" "AWSUME_SHELL_HTTP_TIMEOUT_MS='soon'"
    expect_status 0 in_session env AWSUME_SHELL_HTTP_TIMEOUT_MS=5000 "$AWSUME" status
}
