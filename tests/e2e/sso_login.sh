# IAM Identity Center sign-in (issue 10): `awsume-shell login` (the device authorization flow
# through a pseudo-terminal, a fake $BROWSER that approves like the user), the token cache the
# AWS CLI's botocore reads, its refresh, one sign-in at a time for parallel starts, exit 3
# without a terminal. Against the strict local SSO server (tests/sso_server).
source "$AWSUME_E2E_DIR/tmux_driver.sh"

sso_setup() {  # the STS + SSO servers; dev: an SSO profile of sso-session corp
    start_server "$(standard_world)"
    start_sso_server
    write_sso_config
    TOKEN_FILE=$HOME/.aws/sso/cache/$(printf %s corp | sha1sum | cut -d' ' -f1).json
}

fake_browser() {  # $BROWSER: records its argument, approves the user code in it (as the user would)
    # fake_browser --record-only: records it only; the test approves (sso_approve) when it will
    local approve="python3 '$SSO_SERVER_DIR/ctl.py' '$SSO_PORT' approve \"\${1##*user_code=}\" >/dev/null"
    [ "${1:-}" = --record-only ] && approve=
    cat >"$E2E_TMP/browser" <<BROWSER
#!/bin/sh
printf '%s\n' "\$1" >>"$E2E_TMP/browser.log"
$approve
BROWSER
    chmod 700 "$E2E_TMP/browser"
    export BROWSER=$E2E_TMP/browser
}

botocore_token() {  # the accessToken Debian's botocore (the AWS CLI's) loads for sso-session corp
    /usr/bin/python3 - "$HOME/.aws/sso/cache" <<'PY'
import sys
try:
    from awscli.botocore.utils import JSONFileCache, SSOTokenLoader
except ImportError:
    from botocore.utils import JSONFileCache, SSOTokenLoader
token = SSOTokenLoader(cache=JSONFileCache(sys.argv[1]))("unused-start-url", session_name="corp")
print(token["accessToken"])
PY
}

keep_screens() {  # panes stay after their command ends, so a test can read what it printed
    tmux_cmd -f /dev/null new-session -d -s keep sleep 600 || fail "tmux could not start"
    tmux_cmd set-option -g remain-on-exit on >/dev/null
}

token_field() {  # token_field NAME: a member of the token file
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get(sys.argv[2], ""))' "$TOKEN_FILE" "$1"
}

test_login_opens_the_browser_and_writes_the_aws_cli_cache() {
    need tmux
    keep_screens
    sso_setup; fake_browser
    tmux_start l "$AWSUME" login dev
    expect_eq "$(tmux_wait_exit l 30)" 0 "login's exit status: $(tmux_capture l)"
    local screen; screen=$(tmux_capture l)
    expect_contains "$screen" "$SSO_URL/device"
    expect_contains "$screen" "token written to $TOKEN_FILE"
    expect_eq "$(wc -l <"$E2E_TMP/browser.log")" 1 "browser starts"
    expect_contains "$(cat "$E2E_TMP/browser.log")" "$SSO_URL/device?user_code="
    expect_perm "$TOKEN_FILE" 600
    expect_perm "$HOME/.aws/sso/cache" 700
    local access; access=$(botocore_token) || fail "botocore could not load the token"
    expect_eq "$access" "$(token_field accessToken)" "the token botocore loads"
    [ -n "$(token_field refreshToken)" ] || fail "no refresh token (registered without scopes?)"
    expect_eq "$(sso_calls StartDeviceAuthorization)" 1 "device authorizations"
    expect_not_contains "$screen" "$access" "the screen"
    tmux_stop
}

test_login_no_browser_prints_url_and_code_and_opens_nothing() {
    need tmux
    sso_setup; fake_browser
    tmux_start l "$AWSUME" login dev --no-browser
    tmux_wait l "enter the code" 15
    local code; code=$(tmux_capture l | grep -A1 'enter the code' | tail -n 1 | tr -d ' ')
    [ -n "$code" ] || fail "no code on the screen: $(tmux_capture l)"
    sso_approve "$code"
    expect_eq "$(tmux_wait_exit l 30)" 0 "login's exit status: $(tmux_capture l)"
    [ ! -e "$E2E_TMP/browser.log" ] || fail "--no-browser opened $(cat "$E2E_TMP/browser.log")"
    [ -s "$TOKEN_FILE" ] || fail "no token file"
    tmux_stop
}

test_login_reuses_the_client_registration() {
    need tmux
    keep_screens
    sso_setup; fake_browser
    tmux_start a "$AWSUME" login dev
    expect_eq "$(tmux_wait_exit a 30)" 0 "first login: $(tmux_capture a)"
    tmux_start b "$AWSUME" login dev   # a valid token: it signs in all the same, as `aws sso login`
    expect_eq "$(tmux_wait_exit b 30)" 0 "second login: $(tmux_capture b)"
    expect_eq "$(sso_calls RegisterClient)" 1 "client registrations"
    expect_eq "$(sso_calls StartDeviceAuthorization)" 2 "device authorizations"
    tmux_stop
}

test_slow_down_is_honoured() {
    need tmux
    sso_setup
    sso_ctl settings '{"interval": 1, "slow_down_increment": 5}' >/dev/null
    tmux_start l "$AWSUME" login dev --no-browser
    tmux_wait l "enter the code" 15
    local i
    for i in $(seq 1 50); do [ "$(sso_calls CreateToken)" -ge 1 ] && break; sleep 0.1; done
    # The server's clock jumps back 2 s: the next poll looks too early and is answered
    # slow_down (the device's interval becomes 6 s). A client that adds 5 s polls again
    # after 6 s and is never told again; one that keeps its 1 s is told at every poll.
    sso_ctl settings '{"clock_offset": -2}' >/dev/null
    sleep 9
    expect_eq "$(sso_calls CreateToken:SlowDownException)" 1 "polls answered slow_down"
    local polls; polls=$(sso_calls CreateToken)
    [ "$polls" -le 4 ] || fail "$polls polls in 10 s after a slow_down (interval 1 + 5)"
    sso_approve
    expect_eq "$(tmux_wait_exit l 30)" 0 "login's exit status: $(tmux_capture l)"
    tmux_stop
}

test_an_expired_device_code_is_a_clear_error() {
    need tmux
    keep_screens
    sso_setup
    sso_ctl settings '{"device_expires_in": 3}' >/dev/null
    tmux_start l "$AWSUME" login dev --no-browser
    expect_eq "$(tmux_wait_exit l 30)" 3 "login's exit status: $(tmux_capture l)"
    expect_contains "$(tmux_capture l)" "expired before it was approved"
    [ ! -e "$TOKEN_FILE" ] || fail "a token file was written"
    tmux_stop
}

test_a_refresh_rewrites_the_file_and_botocore_reads_it() {
    sso_setup
    write_sso_token_cache corp 600 >/dev/null   # 10 minutes left: under the 15-minute margin
    python3 - "$TOKEN_FILE" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1])); doc["fromAnotherTool"] = {"kept": True}
json.dump(doc, open(sys.argv[1], "w"))
PY
    local before; before=$(botocore_token)
    expect_status 0 "$AWSUME" exec dev -- sh -c 'echo $AWS_ACCESS_KEY_ID'
    expect_eq "$(sso_calls CreateToken:refresh_token)" 1 "refreshes"
    local after; after=$(botocore_token) || fail "botocore cannot read the refreshed file"
    [ "$after" != "$before" ] || fail "the token was not rewritten"
    expect_eq "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("fromAnotherTool"))' "$TOKEN_FILE")" \
        "{'kept': True}" "a field of another tool after the rewrite"
    expect_perm "$TOKEN_FILE" 600
    expect_status 0 "$AWSUME" exec dev -- true      # the role credentials are cached now;
    expect_eq "$(sso_calls CreateToken:refresh_token)" 1 "refreshes after a second run"
}

test_a_revoked_refresh_without_terminal_exits_3() {
    sso_setup
    write_sso_token_cache corp -60 >/dev/null
    sso_ctl revoke-refresh-tokens >/dev/null
    expect_status 3 setsid -w "$AWSUME" exec dev -- true </dev/null
    expect_contains "$ERR" "awsume-shell: profile 'dev': the IAM Identity Center session 'corp' has no valid token"
    expect_contains "$ERR" "its refresh was refused"
    expect_contains "$ERR" "run \`awsume-shell login dev\`"
    expect_eq "$(printf '%s\n' "$ERR" | wc -l)" 1 "stderr lines"
    expect_eq "$(sso_calls StartDeviceAuthorization)" 0 "device authorizations"
}

test_a_token_that_cannot_be_refreshed_is_used_while_it_lives() {
    sso_setup   # as botocore: a refused refresh is a warning while the token has minutes left
    write_sso_token_cache corp 300 >/dev/null
    sso_ctl revoke-refresh-tokens >/dev/null
    expect_status 0 setsid -w "$AWSUME" exec dev -- true </dev/null
    expect_contains "$ERR" "awsume-shell: warning: the IAM Identity Center session 'corp': $TOKEN_FILE expires at "
    expect_contains "$ERR" "its refresh was refused: InvalidGrantException; using it until then"
    expect_eq "$(printf '%s\n' "$ERR" | wc -l)" 1 "stderr lines"
    expect_eq "$(sso_calls GetRoleCredentials)" 1 "GetRoleCredentials"
}

test_a_token_the_portal_refuses_is_refreshed_and_the_call_made_again() {
    sso_setup
    write_sso_token_cache corp 7200 >/dev/null   # hours left on paper, refused by the portal
    sso_ctl expire-access-tokens >/dev/null
    expect_status 0 setsid -w "$AWSUME" exec dev -- true </dev/null
    expect_eq "$(sso_calls GetRoleCredentials:UnauthorizedException)" 1 "refused GetRoleCredentials"
    expect_eq "$(sso_calls CreateToken:refresh_token)" 1 "refreshes"
    expect_eq "$(sso_calls GetRoleCredentials)" 2 "GetRoleCredentials"
    expect_eq "$ERR" "" "stderr"
}

test_on_a_terminal_a_refused_token_without_refresh_signs_in_and_goes_on() {
    need tmux
    keep_screens
    sso_setup; fake_browser
    write_sso_token_cache --legacy corp 7200 >/dev/null
    sso_ctl expire-access-tokens >/dev/null
    tmux_start e "$AWSUME" exec dev -- sh -c 'echo "key=$AWS_ACCESS_KEY_ID"'
    expect_eq "$(tmux_wait_exit e 30)" 0 "exec's exit status: $(tmux_capture e)"
    local screen; screen=$(tmux_capture e)
    expect_contains "$screen" "the portal refused the token in $TOKEN_FILE"
    expect_contains "$screen" "key=ASIA"
    expect_eq "$(sso_calls StartDeviceAuthorization)" 1 "device authorizations"
    expect_eq "$(sso_calls GetRoleCredentials)" 2 "GetRoleCredentials"
    tmux_stop
}

ten_at_once() {  # ten_at_once CMD...: CMD on ten terminals at once; each exits 0, one device
    # authorization and one browser in all, nine say they wait for the sign-in of another.
    # The browser only records: the code is approved once the nine say they wait, so that
    # a slow machine cannot make the first sign-in end before the others have started.
    keep_screens
    local i
    for i in $(seq 1 10); do
        tmux_start "p$i" "$@"
    done
    waiting() { local j; for j in $(seq 1 10); do tmux_capture "p$j"; done |
        grep -c 'waiting for the sign-in to the IAM Identity Center session'; }
    for i in $(seq 1 600); do [ "$(waiting)" -ge 9 ] && break; sleep 0.1; done
    expect_eq "$(waiting)" 9 "starts that said they wait for the other one"
    sso_approve
    for i in $(seq 1 10); do
        expect_eq "$(tmux_wait_exit "p$i" 60)" 0 "start $i: $(tmux_capture "p$i")"
    done
    expect_eq "$(sso_calls StartDeviceAuthorization)" 1 "device authorizations"
    expect_eq "$(wc -l <"$E2E_TMP/browser.log")" 1 "browsers opened"
    expect_eq "$(waiting)" 9 "starts that said they wait, at the end"
    tmux_stop
}

test_ten_parallel_starts_make_one_device_authorization() {
    need tmux
    sso_setup; fake_browser --record-only
    write_sso_token_cache --legacy corp -60 >/dev/null  # expired, nothing to refresh with
    ten_at_once "$AWSUME" exec dev -- sh -c 'echo ok >"$0.$$"' "$E2E_TMP/ok"
    expect_eq "$(ls "$E2E_TMP"/ok.* | wc -l)" 10 "commands run"
}

test_ten_parallel_logins_make_one_device_authorization() {
    need tmux
    sso_setup; fake_browser --record-only
    ten_at_once "$AWSUME" login dev
}

test_login_without_terminal_still_prints_the_code() {
    sso_setup
    "$AWSUME" login dev --no-browser </dev/null >"$E2E_TMP/out" 2>"$E2E_TMP/err" &
    local pid=$!
    sso_approve
    wait $pid || fail "login exited $?: $(cat "$E2E_TMP/err")"
    expect_contains "$(cat "$E2E_TMP/err")" "enter the code"
    expect_eq "$(cat "$E2E_TMP/out")" "" "stdout"
    [ -s "$TOKEN_FILE" ] || fail "no token file"
}

test_login_of_a_profile_that_is_not_sso_is_refused() {
    sso_setup
    printf '[profile plain]\nregion = eu-west-1\n' >>"$HOME/.aws/config"
    expect_status 2 "$AWSUME" login plain
    expect_contains "$ERR" "awsume-shell: profile 'plain' ("
    expect_contains "$ERR" "is not an IAM Identity Center profile"
    expect_status 2 "$AWSUME" login dev --sso-session corp
}

test_login_of_a_profile_that_names_only_its_session() {
    sso_setup   # as `aws sso login --profile signin`: no account or role needed to sign in
    printf '[profile signin]\nsso_session = corp\n' >>"$HOME/.aws/config"
    "$AWSUME" login signin --no-browser </dev/null >"$E2E_TMP/out" 2>"$E2E_TMP/err" &
    local pid=$!
    sso_approve
    wait $pid || fail "login exited $?: $(cat "$E2E_TMP/err")"
    [ -s "$TOKEN_FILE" ] || fail "no token file"
    expect_status 2 "$AWSUME" exec signin -- true   # role credentials do need them
    expect_contains "$ERR" "has no sso_account_id and sso_role_name"
}

test_ten_parallel_starts_of_a_role_from_an_sso_profile_make_one_device_authorization() {
    need tmux   # the sign-in runs before the role's cache lock too, not under it
    sso_setup; fake_browser --record-only
    printf '[profile from-sso]\nrole_arn = arn:aws:iam::%s:role/deep\nsource_profile = dev\n' "$ACCOUNT" \
        >>"$HOME/.aws/config"
    write_sso_token_cache --legacy corp -60 >/dev/null
    ten_at_once "$AWSUME" exec from-sso -- true
    expect_eq "$(calls AssumeRole)" 1 "AssumeRole calls"
}
