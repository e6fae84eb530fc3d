# Issue 3: profiles, STS, MFA session cache, exec / export / list against the local server.

test_static_profile_exec_hands_on_keys() {
    start_server "$(standard_world)"; standard_profiles
    expect_status 0 "$AWSUME" exec bob -- sh -c 'echo "$AWS_ACCESS_KEY_ID|${AWS_SESSION_TOKEN-unset}|$AWSUME_PROFILE|${AWS_PROFILE-unset}"'
    expect_eq "$OUT" "$BOB_KEY|unset|bob|unset"
    expect_eq "$(total_calls)" 0 "STS calls for a static profile"
}

test_exec_status_and_126_127() {
    start_server "$(standard_world)"; standard_profiles
    expect_status 7 "$AWSUME" exec bob -- sh -c 'exit 7'
    expect_status 127 "$AWSUME" exec bob -- no-such-command-xyz
    expect_contains "$ERR" "no-such-command-xyz"
    printf 'echo hi\n' >"$E2E_TMP/noexec"; chmod 644 "$E2E_TMP/noexec"
    expect_status 126 "$AWSUME" exec bob -- "$E2E_TMP/noexec"
}

test_mfa_user_role_chain_of_three_roles() {
    start_server "$(standard_world)"; standard_profiles
    expect_status 0 "$AWSUME" exec deeper --mfa-code "$(totp $ALICE_SEED)" -- \
        sh -c 'echo "$AWS_ACCESS_KEY_ID $AWSUME_SHELL_EXPIRES $AWS_CREDENTIAL_EXPIRATION $AWS_REGION"'
    set -- $OUT
    expect_eq "$(ctl credentials "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["role_arn"])')" \
        "arn:aws:iam::$ACCOUNT:role/deeper" "role of the handed-out key"
    expect_eq "$(calls GetSessionToken)" 1 "GetSessionToken calls"
    expect_eq "$(calls AssumeRole)" 3 "AssumeRole calls"
    expect_eq "${4-}" "" "region (deeper has none; alice's is not inherited)"
    now=$(date +%s)
    [ "$2" -gt $((now + 3000)) ] || fail "expiry $2 too soon"
    expect_eq "$(date -u -d "@$2" +%Y-%m-%dT%H:%M:%SZ)" "$3" "AWS_CREDENTIAL_EXPIRATION vs AWSUME_SHELL_EXPIRES"
    # Second run: everything from the cache, no call, no code.
    expect_status 0 "$AWSUME" exec deeper -- sh -c 'echo $AWS_ACCESS_KEY_ID'
    expect_eq "$OUT" "$1" "cached key"
    expect_eq "$(total_calls)" 4 "calls after a cache hit"
    expect_perm "$HOME/.awsume-shell/cache" 700
    for f in "$HOME"/.awsume-shell/cache/*.json; do expect_perm "$f" 600; done
}

test_mfa_session_reused_for_role_renewal() {
    start_server "$(standard_world)"; standard_profiles
    expect_status 0 "$AWSUME" exec admin --mfa-code "$(totp $ALICE_SEED)" -- true
    # -r: new role credentials, through the cached MFA session: no code needed, no terminal.
    expect_status 0 "$AWSUME" exec admin -r -- true </dev/null
    expect_eq "$(calls GetSessionToken)" 1 "GetSessionToken calls"
    expect_eq "$(calls AssumeRole)" 2 "AssumeRole calls"
}

test_user_with_mfa_gets_mfa_session() {
    start_server "$(standard_world)"; standard_profiles
    expect_status 0 "$AWSUME" export alice --mfa-code "$(totp $ALICE_SEED)"
    expect_contains "$OUT" "export AWS_SESSION_TOKEN="
    expect_not_contains "$OUT" "$ALICE_SECRET" "export output"
    expect_status 0 "$AWSUME" export alice
    expect_eq "$(calls GetSessionToken)" 1
}

test_bad_mfa_code_exits_3() {
    start_server "$(standard_world)"; standard_profiles
    expect_status 3 "$AWSUME" exec admin --mfa-code 000000 -- true
    expect_contains "$ERR" "awsume-shell: "
    expect_contains "$ERR" "MultiFactorAuthentication"
    expect_status 3 "$AWSUME" exec admin --mfa-code 12ab -- true
    expect_contains "$ERR" "6 digits"
    # No terminal and no code: exit 3 with a clear message.
    expect_status 3 setsid -w "$AWSUME" exec admin -- true </dev/null
    expect_contains "$ERR" "no terminal"
}

test_real_aws_cli_under_exec() {
    start_server "$(standard_world)"; standard_profiles
    expect_status 0 "$AWSUME" exec deep --mfa-code "$(totp $ALICE_SEED)" -- \
        "$AWS_CLI" --endpoint-url "$STS_URL" --region us-east-1 sts get-caller-identity --output text --query Arn
    expect_contains "$OUT" "arn:aws:sts::$ACCOUNT:assumed-role/deep/"
}

test_real_aws_cli_through_credential_process() {
    start_server "$(standard_world)"; standard_profiles
    "$AWSUME" exec admin --mfa-code "$(totp $ALICE_SEED)" -- true || fail "warm-up"
    cat >>"$HOME/.aws/config" <<INI

[profile via-process]
credential_process = $AWSUME export admin --format json
INI
    expect_status 0 env AWS_ENDPOINT_URL_STS="$STS_URL" AWS_ENDPOINT_URL_IAM="$STS_URL" \
        "$AWS_CLI" --profile via-process --endpoint-url "$STS_URL" --region us-east-1 \
        sts get-caller-identity --output text --query Arn
    expect_contains "$OUT" "assumed-role/admin/"
}

test_throttling_is_retried() {
    start_server "$(standard_world)"; standard_profiles
    ctl fault '{"action": "AssumeRole", "kind": "throttle", "count": 2}' >/dev/null
    expect_status 0 "$AWSUME" exec partner -- true
    expect_eq "$(calls faults_injected)" 2 "throttled attempts"
    expect_eq "$(calls AssumeRole)" 1 "successful AssumeRole attempts"
}

test_5xx_exhausted_exits_1() {
    start_server "$(standard_world)"; standard_profiles
    ctl fault '{"action": "AssumeRole", "kind": "503", "count": 5}' >/dev/null
    expect_status 1 "$AWSUME" exec partner -- true
    expect_contains "$ERR" "ServiceUnavailable"
    expect_eq "$(calls faults_injected)" 3 "attempts"
    [ "$(echo "$ERR" | wc -l)" -eq 1 ] || fail "error is not one line: $ERR"
}

test_malformed_and_hang_fail_bounded_with_cache_intact() {
    start_server "$(standard_world)"; standard_profiles
    expect_status 0 "$AWSUME" exec partner -- true
    cache_before=$(cat "$HOME"/.awsume-shell/cache/*.json | sha256sum)
    ctl fault '{"action": "AssumeRole", "kind": "malformed", "count": 5}' >/dev/null
    expect_status 1 "$AWSUME" exec partner -r -- true
    expect_contains "$ERR" "malformed"
    expect_faults_fired 1 "malformed answers"
    ctl fault '{"action": "AssumeRole", "kind": "hang", "count": 5, "seconds": 30}' >/dev/null
    start=$(date +%s)
    expect_status 1 env AWSUME_SHELL_HTTP_TIMEOUT_MS=1500 "$AWSUME" exec partner -r -- true
    [ $(( $(date +%s) - start )) -lt 20 ] || fail "hang was not bounded"
    expect_faults_fired 2 "malformed and hung answers"
    expect_eq "$(cat "$HOME"/.awsume-shell/cache/*.json | sha256sum)" "$cache_before" "cache after failures"
    expect_status 0 "$AWSUME" exec partner -- true
}

test_parallel_execs_make_one_assume_role() {
    start_server "$(standard_world)"; standard_profiles
    for i in 1 2 3 4 5 6 7 8; do
        "$AWSUME" exec partner -- sh -c 'echo $AWS_ACCESS_KEY_ID' >"$E2E_TMP/par-$i" 2>&1 &
        pids="${pids:-} $!"
    done
    for pid in $pids; do wait "$pid" || fail "an exec failed: $(cat "$E2E_TMP"/par-*)"; done
    expect_eq "$(calls AssumeRole)" 1 "AssumeRole calls from 8 parallel execs"
    expect_eq "$(cat "$E2E_TMP"/par-* | sort -u | wc -l)" 1 "distinct keys"
}

test_external_id_and_duration_rules() {
    start_server "$(standard_world)"; standard_profiles
    sed -i 's/external_id = ext-123/external_id = wrong/' "$HOME/.aws/config"
    expect_status 1 "$AWSUME" exec partner -- true
    expect_contains "$ERR" "AccessDenied"
    # A chained role asked for 2 h is lowered to 1 h with a warning, never sent to fail.
    expect_status 0 "$AWSUME" exec deep --mfa-code "$(totp $ALICE_SEED)" --role-duration 7200 -- sh -c 'echo $AWSUME_SHELL_EXPIRES'
    expect_contains "$ERR" "1 h"
    [ "$OUT" -le $(( $(date +%s) + 3600 + 5 )) ] || fail "chained role lives longer than 1 h"
}

test_long_role_duration_uses_mfa_directly() {
    start_server "$(standard_world)"; standard_profiles
    expect_status 0 "$AWSUME" exec admin --mfa-code "$(totp $ALICE_SEED)" --role-duration 7200 -- sh -c 'echo $AWSUME_SHELL_EXPIRES'
    [ "$OUT" -gt $(( $(date +%s) + 7000 )) ] || fail "role not 2 h"
    expect_eq "$(calls GetSessionToken)" 0
}

test_role_arn_forms() {
    start_server "$(standard_world)"; standard_profiles
    expect_status 0 "$AWSUME" exec bob --role-arn "$ACCOUNT:readonly" -- sh -c 'echo $AWS_ACCESS_KEY_ID'
    arn=$(ctl credentials "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["role_arn"])')
    expect_eq "$arn" "arn:aws:iam::$ACCOUNT:role/readonly"
    expect_status 0 "$AWSUME" exec bob --role-arn "arn:aws:iam::$ACCOUNT:role/readonly" --session-name me -- \
        "$AWS_CLI" --endpoint-url "$STS_URL" --region us-east-1 sts get-caller-identity --output text --query Arn
    expect_contains "$OUT" "assumed-role/readonly/me"
    expect_status 2 "$AWSUME" exec bob --role-arn "readonly" -- true
    expect_contains "$ERR" "role_prefix"
    mkdir -p "$HOME/.awsume-shell" && printf 'role_prefix = %s\n' "$ACCOUNT" >"$HOME/.awsume-shell/config.ini"
    expect_status 0 "$AWSUME" exec bob --role-arn readonly -- true
}

test_hostile_profile_names_through_export_eval() {
    start_server "$(standard_world)"
    name='we$(touch pwned)ird `x` "q" '"'"'s'"'"' ;&|'
    cat >"$HOME/.aws/credentials" <<INI
[$name]
aws_access_key_id = $BOB_KEY
aws_secret_access_key = $BOB_SECRET
INI
    cd "$E2E_TMP"
    expect_status 0 "$AWSUME" export "$name"
    got=$(bash -c 'eval "$1"; printf %s "$AWSUME_PROFILE|$AWS_SECRET_ACCESS_KEY"' _ "$OUT")
    expect_eq "$got" "$name|$BOB_SECRET"
    [ ! -e "$E2E_TMP/pwned" ] || fail "export output executed code"
    expect_status 0 "$AWSUME" export "$name" --format json
    expect_contains "$OUT" '"Version": 1'
}

test_list_json_and_table() {
    standard_profiles
    expect_status 0 "$AWSUME" list --json
    echo "$OUT" | python3 -c '
import json,sys
rows={r["name"]: r for r in json.load(sys.stdin)}
assert rows["alice"]["type"]=="user" and rows["alice"]["mfa_serial"].endswith("mfa/alice"), rows["alice"]
assert rows["deep"]["type"]=="role" and rows["deep"]["source_profile"]=="admin", rows["deep"]
assert rows["bob"]["region"] is None and rows["bob"]["role_arn"] is None
' || fail "list --json: $OUT"
    expect_status 0 "$AWSUME" list
    expect_contains "$OUT" "PROFILE"
    expect_contains "$OUT" "deeper"
}

test_config_errors_name_file_and_line() {
    standard_profiles
    printf '[profile broken]\nthis is not ini\n' >>"$HOME/.aws/config"
    expect_status 2 "$AWSUME" exec bob -- true
    expect_contains "$ERR" "$HOME/.aws/config:"
    standard_profiles
    expect_status 2 "$AWSUME" exec dep -- true
    expect_contains "$ERR" "deep"
    printf '\n[profile loop1]\nrole_arn = arn:aws:iam::%s:role/x\nsource_profile = loop2\n[profile loop2]\nrole_arn = arn:aws:iam::%s:role/y\nsource_profile = loop1\n' "$ACCOUNT" "$ACCOUNT" >>"$HOME/.aws/config"
    expect_status 2 "$AWSUME" exec loop1 -- true
    expect_contains "$ERR" "loop1 -> loop2 -> loop1"
}

test_damaged_cache_is_replaced() {
    start_server "$(standard_world)"; standard_profiles
    expect_status 0 "$AWSUME" exec partner -- true
    for f in "$HOME"/.awsume-shell/cache/*.json; do printf '{"broken' >"$f"; done
    expect_status 0 "$AWSUME" exec partner --debug -- true
    expect_contains "$ERR" "ignoring cache file"
    expect_eq "$(calls AssumeRole)" 2
    expect_status 0 "$AWSUME" exec partner -- true
    expect_eq "$(calls AssumeRole)" 2
}

test_debug_output_has_no_secrets() {
    start_server "$(standard_world)"; standard_profiles
    expect_status 0 "$AWSUME" exec admin --debug --mfa-code "$(totp $ALICE_SEED)" -- true
    expect_contains "$ERR" "debug:"
    expect_not_contains "$ERR" "$ALICE_SECRET" "debug output"
    for f in "$HOME"/.awsume-shell/cache/*.json; do
        secret=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["SecretAccessKey"])' "$f")
        expect_not_contains "$ERR" "$secret" "debug output"
    done
}

test_mfa_detected_with_list_mfa_devices() {
    # alice's profile without mfa_serial: ListMFADevices finds her device, so the role that
    # requires MFA is assumed through an MFA session; bob has no device: no code needed.
    start_server "$(standard_world)"; standard_profiles
    sed -i '/^mfa_serial/d' "$HOME/.aws/config"
    expect_status 0 "$AWSUME" exec admin --mfa-code "$(totp $ALICE_SEED)" -- true
    expect_eq "$(calls ListMFADevices)" 1
    expect_eq "$(calls GetSessionToken)" 1
    expect_status 0 "$AWSUME" exec admin -- true
    expect_eq "$(calls AssumeRole)" 1 "AssumeRole calls after a cache hit"
    expect_status 0 "$AWSUME" exec partner -- true </dev/null
}

test_mfa_process_supplies_the_code() {
    start_server "$(standard_world)"; standard_profiles
    sed -i "/^\[profile alice\]/a mfa_process = oathtool --totp -b $ALICE_SEED" "$HOME/.aws/config"
    expect_status 0 "$AWSUME" exec admin -- true </dev/null
    expect_eq "$(calls GetSessionToken)" 1
}

test_credential_process_and_environment_sources() {
    start_server "$(standard_world)"; standard_profiles
    cat >"$E2E_TMP/bob-creds" <<SH
#!/bin/sh
printf '{"Version": 1, "AccessKeyId": "%s", "SecretAccessKey": "%s"}' "$BOB_KEY" "$BOB_SECRET"
SH
    chmod +x "$E2E_TMP/bob-creds"
    cat >>"$HOME/.aws/config" <<INI

[profile bob-process]
credential_process = $E2E_TMP/bob-creds

[profile partner-via-process]
role_arn = arn:aws:iam::$ACCOUNT:role/partner
source_profile = bob-process
external_id = ext-123

[profile partner-via-env]
role_arn = arn:aws:iam::$ACCOUNT:role/partner
credential_source = Environment
external_id = ext-123

[profile on-ec2]
role_arn = arn:aws:iam::$ACCOUNT:role/partner
credential_source = Ec2InstanceMetadata
INI
    expect_status 0 "$AWSUME" exec partner-via-process -- sh -c 'echo $AWS_SESSION_TOKEN'
    [ -n "$OUT" ] || fail "no session token from the role over credential_process"
    expect_status 0 env AWS_ACCESS_KEY_ID=$BOB_KEY AWS_SECRET_ACCESS_KEY=$BOB_SECRET \
        "$AWSUME" exec partner-via-env -- sh -c 'echo $AWS_ACCESS_KEY_ID'
    expect_not_contains "$OUT" "$BOB_KEY" "the role's key"
    expect_eq "$(calls AssumeRole)" 2
    expect_status 2 env AWS_EC2_METADATA_DISABLED=true "$AWSUME" exec on-ec2 -- true
    expect_contains "$ERR" "AWS_EC2_METADATA_DISABLED is true"
}

test_output_profile_is_written_for_the_aws_cli() {
    start_server "$(standard_world)"; standard_profiles
    chmod 640 "$HOME/.aws/credentials"
    cp "$HOME/.aws/credentials" "$E2E_TMP/before"
    expect_status 0 "$AWSUME" exec partner -o partner-out -- sh -c 'echo "$AWS_PROFILE"'
    expect_eq "$OUT" "partner-out" "AWS_PROFILE with -o"
    expect_perm "$HOME/.aws/credentials" 640  # the user's choice of mode is kept
    head -n "$(wc -l <"$E2E_TMP/before")" "$HOME/.aws/credentials" | cmp -s - "$E2E_TMP/before" \
        || fail "the credentials file's existing lines changed"
    expect_status 0 "$AWS_CLI" --profile partner-out --endpoint-url "$STS_URL" --region us-east-1 \
        sts get-caller-identity --output text --query Arn
    expect_contains "$OUT" "assumed-role/partner/"
}

test_completion_files_are_current_and_load() {
    for sh in bash zsh fish; do
        "$AWSUME" completion $sh | cmp -s - "$AWSUME_E2E_DIR/../../completions/awsume-shell.$sh" \
            || fail "completions/awsume-shell.$sh is stale: regenerate with awsume-shell completion $sh"
    done
    standard_profiles
    got=$(PATH=$AWSUME_E2E_BUILD:$PATH bash -c 'source "$1"; COMP_WORDS=(awsume-shell de); COMP_CWORD=1; _awsume_shell; echo "${COMPREPLY[*]}"' _ "$AWSUME_E2E_DIR/../../completions/awsume-shell.bash")
    expect_eq "$got" "deep deeper" "bash completion of 'de'"
    got=$(PATH=$AWSUME_E2E_BUILD:$PATH bash -c 'source "$1"; COMP_WORDS=(awsume-shell exec --role); COMP_CWORD=2; _awsume_shell; echo "${COMPREPLY[*]}"' _ "$AWSUME_E2E_DIR/../../completions/awsume-shell.bash")
    expect_eq "$got" "--role-arn --role-duration" "bash completion of exec --role"
}

test_auto_refresh_keeps_the_output_profile_fresh() {
    start_server "$(standard_world)"; standard_profiles
    # 310 s credentials: the refresher renews them 300 s before expiry, but never sooner
    # than its 30 s floor (docs/auto-refresh.md): after ~30 s.
    ctl settings '{"credential_lifetime": 310}' >/dev/null
    expect_status 0 "$AWSUME" exec partner -o partner-out -a -- true
    first=$(grep -A1 '^\[partner-out\]' "$HOME/.aws/credentials" | sed -n 's/^aws_access_key_id = //p')
    [ -n "$first" ] || fail "no key written: $(cat "$HOME/.aws/credentials")"
    for _ in $(seq 1 90); do
        now=$(grep -A1 '^\[partner-out\]' "$HOME/.aws/credentials" | sed -n 's/^aws_access_key_id = //p')
        [ "$now" != "$first" ] && break
        sleep 0.5
    done
    [ "$now" != "$first" ] || fail "output profile was not refreshed: $(cat "$HOME"/.awsume-shell/auto-refresh-*.log)"
    expect_eq "$(calls AssumeRole)" 2
    "$AWSUME" auto-refresh --stop partner-out || fail "could not stop the refresher"
}

test_https_endpoint_with_ca_bundle() {
    need openssl
    openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
        -addext subjectAltName=DNS:localhost -keyout "$E2E_TMP/key.pem" -out "$E2E_TMP/cert.pem" 2>/dev/null \
        || fail "openssl could not make a certificate"
    start_server "$(standard_world)" --tls-cert "$E2E_TMP/cert.pem" --tls-key "$E2E_TMP/key.pem"
    standard_profiles
    export AWS_ENDPOINT_URL_STS=https://localhost:$STS_PORT AWS_ENDPOINT_URL_IAM=https://localhost:$STS_PORT
    # An unknown certificate authority is a clear, one-line failure, not retried thrice.
    expect_status 1 "$AWSUME" exec partner -- true
    expect_contains "$ERR" "AWS_CA_BUNDLE"
    expect_status 0 env AWS_CA_BUNDLE="$E2E_TMP/cert.pem" "$AWSUME" exec partner -- true
    # The profile's ca_bundle works too.
    sed -i "/^external_id = ext-123/a ca_bundle = $E2E_TMP/cert.pem" "$HOME/.aws/config"
    expect_status 0 "$AWSUME" exec partner -r -- true
}

test_clock_skew_is_corrected_from_the_date_header() {
    start_server "$(standard_world)"; standard_profiles
    ctl settings '{"clock_offset": 1800}' >/dev/null   # the server's clock is 30 min ahead
    expect_status 0 "$AWSUME" exec partner --debug -- true
    # The first call (ListMFADevices) is rejected as skewed and re-signed; the offset is kept.
    expect_eq "$(calls ListMFADevices)" 2 "ListMFADevices requests (rejected, then corrected)"
    expect_eq "$(calls AssumeRole)" 1 "AssumeRole requests (signed with the corrected clock)"
}
