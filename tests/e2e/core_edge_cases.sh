# Review of issue 3 (core): gaps found by a reviewer. Same conventions as core.sh.

with_default_bob() {
    printf '\n[default]\naws_access_key_id = %s\naws_secret_access_key = %s\n' \
        "$BOB_KEY" "$BOB_SECRET" >>"$HOME/.aws/credentials"
}

session_of() {  # session_of ACCESS_KEY_ID -> "SESSION_NAME ROLE_ARN"
    ctl credentials "$1" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["session_name"], d["role_arn"])'
}

# `exec --role-arn X -- CMD` without PROFILE: CMD's first word is not taken as PROFILE
# (the default profile is the source).
test_review_exec_role_arn_without_profile() {
    start_server "$(standard_world)"; standard_profiles; with_default_bob
    expect_status 0 "$AWSUME" exec --role-arn "$ACCOUNT:readonly" -- sh -c 'echo $AWS_ACCESS_KEY_ID'
    expect_eq "$(session_of "$OUT")" "bob arn:aws:iam::$ACCOUNT:role/readonly" "session of the key"
}

test_review_export_role_arn_without_profile_uses_default_and_user_name() {
    start_server "$(standard_world)"; standard_profiles; with_default_bob
    expect_status 0 "$AWSUME" export --role-arn "$ACCOUNT:readonly" --format json
    key=$(printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["Version"] == 1 and d["SessionToken"] and d["Expiration"].endswith("Z"); print(d["AccessKeyId"])') \
        || fail "credential_process document: $OUT"
    expect_eq "$(session_of "$key")" "bob arn:aws:iam::$ACCOUNT:role/readonly" "session of the key"
    # --session-name wins; a role profile's default session name is the profile name.
    expect_status 0 "$AWSUME" exec bob --role-arn "arn:aws:iam::$ACCOUNT:role/readonly" --session-name my.sess@x -- sh -c 'echo $AWS_ACCESS_KEY_ID'
    expect_eq "$(session_of "$OUT")" "my.sess@x arn:aws:iam::$ACCOUNT:role/readonly"
    expect_status 0 "$AWSUME" exec partner -- sh -c 'echo $AWS_ACCESS_KEY_ID'
    expect_eq "$(session_of "$OUT")" "partner arn:aws:iam::$ACCOUNT:role/partner"
}

test_review_usage_and_config_errors_are_one_line_exit_2() {
    start_server "$(standard_world)"; standard_profiles
    d=$E2E_TMP/cfg; mkdir -p "$d"
    printf '[profile x]\nregion = eu-west-1\nthis is bad\n' >"$d/c1"
    expect_status 2 "$AWSUME" exec x --config-file "$d/c1" -- true; one_line_error
    expect_contains "$ERR" "$d/c1:3"
    printf '[profile x\nregion = eu-west-1\n' >"$d/c2"
    expect_status 2 "$AWSUME" list --config-file "$d/c2"; one_line_error
    expect_contains "$ERR" "$d/c2:1"
    expect_status 2 "$AWSUME" export bob --format xml; one_line_error
    expect_contains "$ERR" "--format"
    expect_status 2 "$AWSUME" export bob --format; one_line_error
    expect_status 2 "$AWSUME" exec bob; one_line_error
    expect_status 2 "$AWSUME" exec bob --role-duration abc -- true; one_line_error
    expect_contains "$ERR" "--role-duration"
    expect_status 2 "$AWSUME" exec bob --role-duration 99999999999999999999 -- true; one_line_error
    expect_status 2 "$AWSUME" exec bob --session-duration 1e3 -- true; one_line_error
    expect_status 2 "$AWSUME" exec bobb -- true; one_line_error
    expect_contains "$ERR" "did you mean 'bob'"
    expect_status 2 "$AWSUME" exec bob --role-arn readonly -- true; one_line_error
    expect_contains "$ERR" "role_prefix"
    expect_status 2 env AWS_SESSION_DURATION=abc "$AWSUME" exec admin -- true; one_line_error
    expect_status 2 env AWSUME_SHELL_HTTP_TIMEOUT_MS=soon "$AWSUME" exec admin -- true; one_line_error
    expect_status 2 "$AWSUME" exec x --config-file "$d" -- true; one_line_error
    cat >"$d/cyc" <<INI
[profile a]
role_arn = arn:aws:iam::$ACCOUNT:role/readonly
source_profile = b
[profile b]
role_arn = arn:aws:iam::$ACCOUNT:role/readonly
source_profile = a
[profile miss]
role_arn = arn:aws:iam::$ACCOUNT:role/readonly
source_profile = nothere
[profile ec2]
role_arn = arn:aws:iam::$ACCOUNT:role/readonly
credential_source = Ec2InstanceMetadata
[profile baddur]
role_arn = arn:aws:iam::$ACCOUNT:role/readonly
source_profile = miss
duration_seconds = 99999999999999999999
INI
    expect_status 2 "$AWSUME" exec a --config-file "$d/cyc" -- true; one_line_error
    expect_contains "$ERR" "a -> b -> a"
    expect_status 2 "$AWSUME" exec miss --config-file "$d/cyc" -- true; one_line_error
    expect_contains "$ERR" "nothere"
    expect_status 2 env AWS_EC2_METADATA_DISABLED=true "$AWSUME" exec ec2 --config-file "$d/cyc" -- true
    one_line_error
    expect_contains "$ERR" "AWS_EC2_METADATA_DISABLED is true"
    expect_status 2 "$AWSUME" exec baddur --config-file "$d/cyc" -- true; one_line_error
    expect_contains "$ERR" "$d/cyc:16"
}

# A malformed role_arn in a profile is a config error (exit 2) that never reaches AWS.
test_review_bad_role_arn_in_profile_is_config_error() {
    start_server "$(standard_world)"; standard_profiles
    printf '\n[profile badarn]\nrole_arn = not-an-arn\nsource_profile = bob\n' >>"$HOME/.aws/config"
    expect_status 2 "$AWSUME" exec badarn -- true; one_line_error
    expect_contains "$ERR" "role_arn"
    expect_eq "$(calls AssumeRole)" 0 "AssumeRole calls for an invalid ARN"
}

# AWS_SESSION_DURATION out of range is a usage error (exit 2) naming it, not sent to AWS.
test_review_session_duration_env_out_of_range_is_usage_error() {
    start_server "$(standard_world)"; standard_profiles
    expect_status 2 env AWS_SESSION_DURATION=100 "$AWSUME" exec alice --mfa-code "$(totp $ALICE_SEED)" -- true
    one_line_error
    expect_contains "$ERR" "AWS_SESSION_DURATION"
}

# Expired credential_process output is refused (exit 1), not handed on.
test_review_expired_credential_process_output_is_refused() {
    start_server "$(standard_world)"; standard_profiles
    cat >>"$HOME/.aws/config" <<'INI'

[profile stale]
credential_process = echo '{"Version": 1, "AccessKeyId": "ASIASTALE", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2020-01-01T00:00:00Z"}'
INI
    expect_status 1 "$AWSUME" exec stale -- sh -c 'echo $AWS_ACCESS_KEY_ID'
    one_line_error
    expect_contains "$ERR" "expired"
}

# mfa_process on the role profile supplies the code when mfa_serial is on the user.
test_review_mfa_process_on_role_profile_with_serial_on_user() {
    start_server "$(standard_world)"; standard_profiles
    cat >>"$HOME/.aws/config" <<INI

[profile admin-proc]
role_arn = arn:aws:iam::$ACCOUNT:role/admin
source_profile = alice
mfa_process = oathtool --totp -b $ALICE_SEED
INI
    expect_status 0 setsid -w "$AWSUME" exec admin-proc -- true </dev/null
    expect_eq "$(calls GetSessionToken)" 1
}

# A dotenv file sourced by a shell (set -a; . .env) runs no $(...) or `...` of a profile name.
test_review_dotenv_export_is_inert_when_sourced() {
    start_server "$(standard_world)"; standard_profiles
    name="evil \$(touch $E2E_TMP/pwned) \`touch $E2E_TMP/pwned2\`"
    printf '\n[%s]\naws_access_key_id = %s\naws_secret_access_key = %s\n' "$name" "$BOB_KEY" "$BOB_SECRET" \
        >>"$HOME/.aws/credentials"
    expect_status 0 "$AWSUME" export "$name" --format dotenv
    printf '%s\n' "$OUT" >"$E2E_TMP/creds.env"
    got=$(bash -c 'set -a; . "$1"; printf "%s" "$AWSUME_PROFILE"' _ "$E2E_TMP/creds.env" 2>/dev/null)
    [ ! -e "$E2E_TMP/pwned" ] && [ ! -e "$E2E_TMP/pwned2" ] || fail "sourcing the dotenv output ran a command"
    expect_eq "$got" "$name" "AWSUME_PROFILE after sourcing"
}

test_review_region_precedence() {
    start_server "$(standard_world)"; standard_profiles
    show='echo "$AWS_REGION $AWS_DEFAULT_REGION"'
    expect_status 0 "$AWSUME" exec alice --mfa-code "$(totp $ALICE_SEED)" -- sh -c "$show"
    expect_eq "$OUT" "eu-west-1 eu-west-1" "profile region"
    expect_status 0 env AWS_DEFAULT_REGION=r2 "$AWSUME" exec alice -- sh -c "$show"
    expect_eq "$OUT" "r2 r2" "AWS_DEFAULT_REGION over the profile"
    expect_status 0 env AWS_REGION=r1 AWS_DEFAULT_REGION=r2 "$AWSUME" exec alice -- sh -c "$show"
    expect_eq "$OUT" "r1 r1" "AWS_REGION over AWS_DEFAULT_REGION"
    expect_status 0 env AWS_REGION=r1 "$AWSUME" exec alice --region r3 -- sh -c "$show"
    expect_eq "$OUT" "r3 r3" "--region over the environment"
}

test_review_endpoint_precedence() {
    start_server "$(standard_world)"; standard_profiles
    export AWSUME_SHELL_HTTP_TIMEOUT_MS=2000
    expect_status 0 env -u AWS_ENDPOINT_URL_STS -u AWS_ENDPOINT_URL_IAM AWS_ENDPOINT_URL="$STS_URL" \
        "$AWSUME" exec partner -- true
    expect_status 1 env AWS_ENDPOINT_URL_STS=http://127.0.0.1:1 AWS_ENDPOINT_URL="$STS_URL" \
        "$AWSUME" exec partner -r -- true
    one_line_error
    expect_contains "$ERR" "127.0.0.1:1"
    printf '\n[profile partner-ep]\nrole_arn = arn:aws:iam::%s:role/partner\nsource_profile = bob\nexternal_id = ext-123\nendpoint_url = %s\n' \
        "$ACCOUNT" "$STS_URL" >>"$HOME/.aws/config"
    expect_status 0 env -u AWS_ENDPOINT_URL_STS "$AWSUME" exec partner-ep -- true
    sed -i "s#^endpoint_url = .*#endpoint_url = http://127.0.0.1:1#" "$HOME/.aws/config"
    expect_status 0 "$AWSUME" exec partner-ep -r -- true   # AWS_ENDPOINT_URL_STS wins
    expect_status 2 env AWS_ENDPOINT_URL_STS=http://10.0.0.1:1 "$AWSUME" exec partner -r -- true
    one_line_error
    expect_contains "$ERR" "AWS_ENDPOINT_URL_STS"
}

test_review_cache_wide_perms_and_expired_entries_are_replaced() {
    start_server "$(standard_world)"; standard_profiles
    expect_status 0 "$AWSUME" exec admin --mfa-code "$(totp $ALICE_SEED)" -- true
    role=$(ls "$HOME"/.awsume-shell/cache/role-*admin*.json)
    mfa=$(ls "$HOME"/.awsume-shell/cache/mfa-session-*.json)
    chmod 644 "$role"
    expect_status 0 "$AWSUME" exec admin --debug -- true </dev/null
    expect_contains "$ERR" "wider than 0600"
    expect_perm "$role" 600
    expect_eq "$(calls AssumeRole)" 2 "AssumeRole after a 0644 cache file"
    sed -i 's/"Expiration": "[^"]*"/"Expiration": "2020-01-01T00:00:00Z"/' "$role"
    expect_status 0 "$AWSUME" exec admin -- true </dev/null
    expect_eq "$(calls AssumeRole)" 3 "AssumeRole after an expired role entry"
    expect_eq "$(calls GetSessionToken)" 1 "GetSessionToken (MFA session still valid)"
    # Both expired and no terminal: exit 3, one line.
    sed -i 's/"Expiration": "[^"]*"/"Expiration": "2020-01-01T00:00:00Z"/' "$role" "$mfa"
    expect_status 3 setsid -w "$AWSUME" exec admin -- true </dev/null
    one_line_error
}

test_review_clock_skew_corrected_once() {
    start_server "$(standard_world)"; standard_profiles
    ctl fault '{"action": "AssumeRole", "kind": "skew", "seconds": 900}' >/dev/null
    expect_status 0 "$AWSUME" exec partner -- true
    expect_faults_fired 1 "skewed answers (then corrected)"
    ctl fault '{"action": "AssumeRole", "kind": "skew", "seconds": 900, "count": 3}' >/dev/null
    expect_status 1 "$AWSUME" exec partner -r -- true
    one_line_error
    expect_contains "$ERR" "SignatureDoesNotMatch"
    expect_faults_fired 3 "skewed answers (corrected once, then refused)"
}

test_review_exec_replaces_process_and_debug_redacts() {
    start_server "$(standard_world)"; standard_profiles
    out=$(bash -c 'echo $$; exec "$1" exec bob -- sh -c "echo \$\$"' _ "$AWSUME")
    set -- $out
    expect_eq "$2" "$1" "pid of the command (exec, no waiting parent)"
    code=$(totp $ALICE_SEED)
    expect_status 0 "$AWSUME" exec deep --debug --mfa-code "$code" -- sh -c 'echo $AWS_SESSION_TOKEN'
    expect_not_contains "$ERR" "$code" "debug output (MFA code)"
    expect_not_contains "$ERR" "$ALICE_SECRET" "debug output"
    expect_not_contains "$ERR" "${OUT:0:40}" "debug output (session token)"
}

# list --json: a credential_source is not reported as "source_profile".
test_review_list_json_credential_source_is_not_a_source_profile() {
    start_server "$(standard_world)"; standard_profiles
    printf '\n[profile envrole]\nrole_arn = arn:aws:iam::%s:role/x\ncredential_source = Environment\n[profile proc]\ncredential_process = echo x\n' \
        "$ACCOUNT" >>"$HOME/.aws/config"
    expect_status 0 "$AWSUME" list --json
    printf '%s' "$OUT" | python3 -c '
import json, sys
rows = {r["name"]: r for r in json.load(sys.stdin)}
for r in rows.values():
    assert set(r) == {"name", "type", "role_arn", "source_profile", "mfa_serial", "region"}, r
assert rows["proc"]["type"] == "process", rows["proc"]
assert rows["envrole"]["type"] == "role", rows["envrole"]
assert rows["envrole"]["source_profile"] is None, rows["envrole"]
' || fail "list --json shapes: $OUT"
}
