# IAM Identity Center profiles as credential sources (docs/sso.md), against the local SSO
# portal + OIDC server (tests/sso_server) whose role credentials the STS server accepts:
# the AWS CLI under exec, a role chain from an SSO profile, the role credentials' cache,
# `list`, the errors of the config, the token and the portal, and --debug without secrets.

# sso_profiles: [profile dev] of session corp (role admin), a legacy profile, a role from dev.
sso_profiles() {
    write_sso_config
    cat >>"$HOME/.aws/config" <<CFG

[profile legacy]
sso_start_url = $SSO_START_URL
sso_region = $SSO_REGION
sso_account_id = $ACCOUNT
sso_role_name = readonly
region = eu-west-1

[profile deep-from-sso]
role_arn = arn:aws:iam::$ACCOUNT:role/deep
source_profile = dev
region = eu-west-1
CFG
}

sso_setup() {
    start_server "$(standard_world)"; start_sso_server; sso_profiles
}

caller_arn() {  # caller_arn PROFILE: the AWS CLI's own view of who it is under exec
    expect_status 0 "$AWSUME" exec "$1" -- "$AWS_CLI" --endpoint-url "$STS_URL" sts get-caller-identity --query Arn --output text
}

# The token of a cache file, for the greps that prove it leaks nowhere.
token_of() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["accessToken"])' "$1"; }

test_the_aws_cli_under_exec_of_an_sso_profile_is_the_sso_role() {
    sso_setup
    write_sso_token_cache corp 3600 >/dev/null
    caller_arn dev
    expect_eq "$OUT" "arn:aws:sts::$ACCOUNT:assumed-role/admin/alice@example.com" "caller"
    expect_eq "$(sso_calls GetRoleCredentials)" 1 "GetRoleCredentials calls"
    # The legacy profile's token is named by its start URL.
    write_sso_token_cache --legacy "$SSO_START_URL" 3600 >/dev/null
    caller_arn legacy
    expect_eq "$OUT" "arn:aws:sts::$ACCOUNT:assumed-role/readonly/alice@example.com" "legacy caller"
}

test_a_second_exec_is_a_cache_hit_without_a_portal_call() {
    sso_setup
    write_sso_token_cache corp 3600 >/dev/null
    expect_status 0 "$AWSUME" exec dev -- sh -c 'echo "$AWS_ACCESS_KEY_ID"'
    first=$OUT
    expect_contains "$first" "ASIA" "role key"
    expect_status 0 "$AWSUME" exec dev -- sh -c 'echo "$AWS_ACCESS_KEY_ID"'
    expect_eq "$OUT" "$first" "second run's key"
    expect_eq "$(sso_calls GetRoleCredentials)" 1 "GetRoleCredentials calls after two runs"
    ls "$HOME/.awsume-shell/cache/"sso-role-"$ACCOUNT"_admin-*.json >/dev/null || fail "no sso-role cache entry"
    expect_status 0 "$AWSUME" exec -r dev -- sh -c 'echo "$AWS_ACCESS_KEY_ID"'   # -r: fetched anew
    [ "$OUT" != "$first" ] || fail "-r handed out the cached key"
    expect_eq "$(sso_calls GetRoleCredentials)" 2 "GetRoleCredentials calls after -r"
}

test_a_role_whose_source_is_an_sso_profile() {
    sso_setup
    write_sso_token_cache corp 3600 >/dev/null
    caller_arn deep-from-sso
    expect_contains "$OUT" "arn:aws:sts::$ACCOUNT:assumed-role/deep/" "caller"
    expect_eq "$(sso_calls GetRoleCredentials)" 1 "GetRoleCredentials calls"
    expect_eq "$(calls AssumeRole)" 1 "AssumeRole calls"
    caller_arn deep-from-sso
    expect_eq "$(sso_calls GetRoleCredentials)" 1 "GetRoleCredentials calls after a second run"
    expect_eq "$(calls AssumeRole)" 1 "AssumeRole calls after a second run"
}

test_list_shows_type_sso() {
    sso_setup
    expect_status 0 "$AWSUME" list --json
    types=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(" ".join(p["name"] + "=" + p["type"] for p in json.load(sys.stdin)))')
    expect_eq "$types" "deep-from-sso=role dev=sso legacy=sso" "list types"
}

test_a_key_set_differently_in_profile_and_session_names_both_places() {
    sso_setup
    printf '\n[profile clash]\nsso_session = corp\nsso_account_id = %s\nsso_role_name = admin\nsso_region = eu-west-9\n' \
        "$ACCOUNT" >>"$HOME/.aws/config"
    expect_status 2 "$AWSUME" exec clash -- true; one_line_error
    expect_contains "$ERR" "profile 'clash'"
    expect_contains "$ERR" "sso_region is 'eu-west-9' at $HOME/.aws/config:28"
    expect_contains "$ERR" "'$SSO_REGION' in [sso-session corp] at $HOME/.aws/config:9"
    expect_eq "$(sso_calls GetRoleCredentials)" 0 "portal calls"
}

test_a_missing_session_section_is_named() {
    sso_setup
    printf '\n[profile lost]\nsso_session = nowhere\nsso_account_id = %s\nsso_role_name = admin\n' \
        "$ACCOUNT" >>"$HOME/.aws/config"
    expect_status 2 "$AWSUME" exec lost -- true; one_line_error
    expect_contains "$ERR" "profile 'lost': sso_session 'nowhere' ($HOME/.aws/config:25) has no [sso-session nowhere] section"
}

test_an_edited_session_is_seen_after_a_snapshot() {
    sso_setup
    write_sso_token_cache corp 3600 >/dev/null
    sleep 2.1  # a file changed in the last 2 s is not snapshotted
    expect_status 0 "$AWSUME" exec dev -- true
    expect_status 0 "$AWSUME" exec dev --debug -- true
    expect_contains "$ERR" "$HOME/.aws/config: unchanged since its snapshot"
    sed -i "s|^sso_region = $SSO_REGION\$|sso_region = bad/region|" "$HOME/.aws/config"
    expect_status 2 "$AWSUME" exec dev -- true; one_line_error
    expect_contains "$ERR" "region 'bad/region'"
}

test_an_expired_token_without_a_terminal_exits_3_naming_login() {
    sso_setup
    write_sso_token_cache --legacy "$SSO_START_URL" 0 >/dev/null  # expired, and no refresh token
    expect_status 3 setsid -w "$AWSUME" exec legacy -- true </dev/null; one_line_error
    expect_contains "$ERR" "awsume-shell login legacy"
    expect_eq "$(sso_calls GetRoleCredentials)" 0 "portal calls"
    expect_eq "$(sso_device_count)" 0 "device authorizations without a terminal"
}

test_a_token_the_portal_refuses_tells_to_sign_in_again() {
    sso_setup
    file=$(write_sso_token_cache --legacy "$SSO_START_URL" 1)
    sleep 1.5  # the server's token has run out; the cache says it has an hour left
    python3 - "$file" <<'PY'
import json, sys, time
d = json.load(open(sys.argv[1])); d["expiresAt"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))
json.dump(d, open(sys.argv[1], "w"))
PY
    expect_status 3 setsid -w "$AWSUME" exec legacy -- true </dev/null; one_line_error
    expect_contains "$ERR" "profile 'legacy': the IAM Identity Center sign-in to $SSO_START_URL has no valid token (the portal refused the token in $file; it cannot be refreshed"
    expect_contains "$ERR" "run \`awsume-shell login legacy\`"
    expect_eq "$(sso_calls GetRoleCredentials:UnauthorizedException)" 1 "refused portal calls"
}

test_a_role_the_user_is_not_assigned_is_the_portals_forbidden_exception() {
    sso_setup
    printf '\n[profile unassigned]\nsso_session = corp\nsso_account_id = %s\nsso_role_name = deep\n' \
        "$ACCOUNT" >>"$HOME/.aws/config"
    write_sso_token_cache corp 3600 >/dev/null
    expect_status 1 "$AWSUME" exec unassigned -- true; one_line_error
    expect_contains "$ERR" "profile 'unassigned': GetRoleCredentials for role deep of account $ACCOUNT ($HOME/.aws/config:25): ForbiddenException"
    expect_eq "$(sso_calls GetRoleCredentials:ForbiddenException)" 1 "forbidden calls"
}

test_debug_output_holds_no_token_or_secret() {
    sso_setup
    file=$(write_sso_token_cache corp 3600)
    token=$(token_of "$file")
    [ -n "$token" ] || fail "no token in $file"
    expect_status 0 "$AWSUME" exec dev --debug -- sh -c 'echo "$AWS_SECRET_ACCESS_KEY"'
    secret=$OUT
    expect_contains "$ERR" "GET $SSO_URL/federation/credentials?role_name=admin&account_id=$ACCOUNT" "debug trace"
    expect_contains "$ERR" "x-amz-sso_bearer_token=<redacted>" "debug trace"
    expect_not_contains "$ERR" "$token" "debug output (the bearer token)"
    expect_not_contains "$ERR" "$secret" "debug output (the role's secret key)"
    expect_not_contains "$(cat "$HOME"/.awsume-shell/logs/* 2>/dev/null)" "$token" "logs"
}
