# Helpers for tests/e2e/*.sh (sourced by tests/e2e/run). Every test gets:
#   $HOME      a fresh temporary home (so ~/.aws and ~/.awsume-shell are the test's own)
#   $AWSUME    the binary under test;  $AWS_CLI  Debian's AWS CLI (/usr/bin/aws)
#   start_server WORLD_JSON  -> $STS_PORT, $STS_URL and AWS_ENDPOINT_URL_STS/_IAM exported
#   start_sso_server [WORLD_JSON] (after start_server) -> $SSO_PORT, $SSO_URL and
#                               AWS_ENDPOINT_URL_SSO/_SSO_OIDC exported (tests/sso_server)
set -u
AWSUME=$AWSUME_E2E_BUILD/awsume-shell
AWS_CLI=/usr/bin/aws
SERVER_DIR=$AWSUME_E2E_DIR/../sts_server
SSO_SERVER_DIR=$AWSUME_E2E_DIR/../sso_server
E2E_TMP=
SERVER_PID=
SSO_SERVER_PID=
METADATA_PID=
METADATA_DIR=$AWSUME_E2E_DIR/../metadata_server

e2e_begin() {
    E2E_TMP=$(mktemp -d /tmp/awsume-e2e.XXXXXX)
    export HOME=$E2E_TMP/home
    mkdir -p "$HOME/.aws"
    # Nothing from the developer's environment may leak into a test.
    unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY \
          AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_REGION AWS_DEFAULT_REGION AWS_CONFIG_FILE \
          AWS_SHARED_CREDENTIALS_FILE AWS_ENDPOINT_URL AWS_ENDPOINT_URL_STS AWS_ENDPOINT_URL_IAM \
          AWSUME_SHELL_MFA_CODE AWS_SESSION_MFA_CODE AWSUME_SHELL_DEBUG AWS_SESSION_DEBUG \
          AWSUME_SHELL_SESSION AWSUME_PROFILE AWSUME_SHELL_EXPIRES AWS_CA_BUNDLE \
          AWS_ENDPOINT_URL_SSO AWS_ENDPOINT_URL_SSO_OIDC BROWSER
    # Nor the metadata sources' switches (the sandbox may answer at 169.254.169.254).
    unset AWS_EC2_METADATA_SERVICE_ENDPOINT AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE \
          AWS_EC2_METADATA_DISABLED AWS_EC2_METADATA_V1_DISABLED \
          AWS_CONTAINER_CREDENTIALS_RELATIVE_URI AWS_CONTAINER_CREDENTIALS_FULL_URI \
          AWS_CONTAINER_AUTHORIZATION_TOKEN AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE
    export TZ=UTC LC_ALL=C.UTF-8 TERM=xterm-256color
    trap e2e_cleanup EXIT
    echo "== $1/$2 (tmp $E2E_TMP)"
}

e2e_end() { :; }

e2e_cleanup() {
    local pid
    for pid in $METADATA_PID $SSO_SERVER_PID $SERVER_PID; do
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    [ -n "${E2E_KEEP:-}" ] || rm -rf "$E2E_TMP"
}

fail() { echo "FAILED: $*" >&2; exit 1; }
skip() { echo "$*"; exit 77; }
need() { command -v "$1" >/dev/null 2>&1 || skip "needs $1"; }
# For a test whose figure means nothing under ASan+UBSan (a time, a count of processes or
# syscalls, strace, which LeakSanitizer cannot run under, `ulimit -v`, too small for ASan's
# shadow memory): skips, with the reason, in the
# sanitizer build only (tests/sanitize.sh, docs/testing.md).
skip_under_sanitizer() {  # skip_under_sanitizer REASON
    [ -z "${AWSUME_E2E_SANITIZED:-}" ] || skip "not under ASan+UBSan: $1"
}

expect_eq() {  # expect_eq ACTUAL EXPECTED [WHAT]
    [ "$1" = "$2" ] || fail "${3:-value}: expected '$2', got '$1'"
}
expect_contains() {  # expect_contains HAYSTACK NEEDLE [WHAT]
    case $1 in *"$2"*) ;; *) fail "${3:-output} does not contain '$2': $1" ;; esac
}
expect_not_contains() {
    case $1 in *"$2"*) fail "${3:-output} contains '$2': $1" ;; esac
}
expect_status() {  # expect_status EXPECTED CMD... (stdout/stderr kept in $OUT / $ERR)
    local want=$1; shift
    "$@" >"$E2E_TMP/out" 2>"$E2E_TMP/err"
    local got=$?
    OUT=$(cat "$E2E_TMP/out"); ERR=$(cat "$E2E_TMP/err")
    [ "$got" = "$want" ] || fail "exit $got (wanted $want) from: $* | stdout: $OUT | stderr: $ERR"
}
one_line_error() {  # the contract: $ERR is one line on stderr, prefixed "awsume-shell: "
    expect_eq "$(printf '%s\n' "$ERR" | wc -l)" 1 "stderr lines ($ERR)"
    expect_contains "$ERR" "awsume-shell: "
}
expect_perm() {  # expect_perm PATH MODE
    local mode; mode=$(stat -c %a "$1") || fail "no $1"
    [ "$mode" = "$2" ] || fail "$1 has mode $mode, wanted $2"
}

# --- the local STS/IAM server ---------------------------------------------------------
start_server() {  # start_server WORLD_JSON_TEXT [--tls-cert C --tls-key K]
    printf '%s\n' "$1" >"$E2E_TMP/world.json"
    shift
    rm -f "$E2E_TMP/port"
    python3 "$SERVER_DIR/server.py" --world "$E2E_TMP/world.json" --port-file "$E2E_TMP/port" \
        --log "$E2E_TMP/server.log" "$@" >"$E2E_TMP/server.out" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 100); do
        [ -s "$E2E_TMP/port" ] && break
        sleep 0.05
    done
    [ -s "$E2E_TMP/port" ] || fail "server did not start: $(cat "$E2E_TMP/server.out")"
    STS_PORT=$(cat "$E2E_TMP/port")
    STS_URL=http://127.0.0.1:$STS_PORT
    export AWS_ENDPOINT_URL_STS=$STS_URL AWS_ENDPOINT_URL_IAM=$STS_URL STS_PORT STS_URL
}
ctl() { python3 "$SERVER_DIR/ctl.py" "$STS_PORT" "$@"; }
calls() { ctl calls "$1"; }   # number of requests for one action
# Every test that injects a fault (ctl fault) checks that it fired: a test of a failure
# path must not pass because the fault never reached the binary.
expect_faults_fired() {  # expect_faults_fired N [WHAT]: N requests answered by a fault so far
    expect_eq "$(calls faults_injected)" "$1" "${2:-requests answered by an injected fault}"
}

# --- the fake IMDS / ECS endpoint (tests/metadata_server), after start_server -----------
# METADATA_SERVER_HOST / METADATA_SERVER_PORT: another address than 127.0.0.1:free (in a
# network namespace of the test's own, see in_network_namespace).
start_metadata_server() {  # start_metadata_server ROLE_ARN [--mode M --v1-status S --ecs-token T]
    local role=$1; shift
    rm -f "$E2E_TMP/metadata.port"
    python3 "$METADATA_DIR/server.py" --sts-url "$STS_URL" --role-arn "$role" \
        --host "${METADATA_SERVER_HOST:-127.0.0.1}" --port "${METADATA_SERVER_PORT:-0}" \
        --port-file "$E2E_TMP/metadata.port" --log "$E2E_TMP/metadata.log" "$@" \
        >"$E2E_TMP/metadata.out" 2>&1 &
    METADATA_PID=$!
    for _ in $(seq 1 100); do
        [ -s "$E2E_TMP/metadata.port" ] && break
        sleep 0.05
    done
    [ -s "$E2E_TMP/metadata.port" ] || fail "metadata server did not start: $(cat "$E2E_TMP/metadata.out")"
    METADATA_PORT=$(cat "$E2E_TMP/metadata.port")
    local host=${METADATA_SERVER_HOST:-127.0.0.1}
    case $host in *:*) host="[$host]" ;; esac
    METADATA_URL=http://$host:$METADATA_PORT
}
# Runs FUNCTION of SUITE_FILE in a new user + network namespace whose loopback also holds
# ADDRESS (e.g. 169.254.170.2): the fixed addresses of AWS's metadata services, served by
# the fake, with nothing of the machine's network in reach. Same HOME and E2E_TMP; the
# servers must be started inside. Skips where unprivileged namespaces are not allowed.
in_network_namespace() {  # in_network_namespace ADDRESS SUITE_FILE FUNCTION
    unshare -rn true 2>/dev/null || skip "needs unprivileged network namespaces (unshare -rn)"
    unshare -rn bash -c '
        ip link set lo up && ip addr add "$1" dev lo || exit 1
        source "$AWSUME_E2E_DIR/lib.sh"; source "$2"; E2E_TMP=$4
        trap "kill \$SERVER_PID \$METADATA_PID 2>/dev/null; wait 2>/dev/null" EXIT
        "$3"' namespace "$1" "$2" "$3" "$E2E_TMP"
    local rc=$?
    [ "$rc" = 0 ] || exit "$rc"
}
metadata_ctl() { python3 "$METADATA_DIR/ctl.py" "$METADATA_PORT" "$@"; }
metadata_calls() { metadata_ctl calls "$1"; }  # "GET /path", v2, v1, ecs, denied, total, host:H

totp() {  # totp SEED [STEPS_AHEAD]
    if [ -n "${2:-}" ]; then
        oathtool --totp -b --now="$(date -u -d "@$(( $(date +%s) + 30 * $2 ))" '+%Y-%m-%d %H:%M:%S UTC')" "$1"
    else
        oathtool --totp -b "$1"
    fi
}

# --- the local IAM Identity Center server (SSO-OIDC + portal, tests/sso_server) ----------
SSO_START_URL=https://example.awsapps.com/start
SSO_REGION=us-east-1
sso_world() {  # the standard world's account: admin and readonly assigned at $SSO_START_URL
    cat <<JSON
{"start_urls": {"$SSO_START_URL": {"user": "alice@example.com", "assignments": [
   {"account_id": "$ACCOUNT", "role_name": "admin"}, {"account_id": "$ACCOUNT", "role_name": "readonly"}]}}}
JSON
}
start_sso_server() {  # start_sso_server [WORLD_JSON_TEXT] (default sso_world); after start_server
    [ -n "${STS_URL:-}" ] || fail "start_sso_server: start_server first (the portal mints at STS)"
    if [ $# -gt 0 ]; then printf '%s\n' "$1" >"$E2E_TMP/sso-world.json"; else sso_world >"$E2E_TMP/sso-world.json"; fi
    rm -f "$E2E_TMP/sso-port"
    python3 "$SSO_SERVER_DIR/server.py" --world "$E2E_TMP/sso-world.json" --port-file "$E2E_TMP/sso-port" \
        --log "$E2E_TMP/sso-server.log" --sts-url "$STS_URL" >"$E2E_TMP/sso-server.out" 2>&1 &
    SSO_SERVER_PID=$!
    for _ in $(seq 1 100); do
        [ -s "$E2E_TMP/sso-port" ] && break
        sleep 0.05
    done
    [ -s "$E2E_TMP/sso-port" ] || fail "SSO server did not start: $(cat "$E2E_TMP/sso-server.out")"
    SSO_PORT=$(cat "$E2E_TMP/sso-port")
    SSO_URL=http://127.0.0.1:$SSO_PORT
    export AWS_ENDPOINT_URL_SSO=$SSO_URL AWS_ENDPOINT_URL_SSO_OIDC=$SSO_URL SSO_PORT SSO_URL
}
sso_ctl() { python3 "$SSO_SERVER_DIR/ctl.py" "$SSO_PORT" "$@"; }
# sso_calls KEY: requests of an operation (RegisterClient, StartDeviceAuthorization, CreateToken,
# GetRoleCredentials, ...), of one of its errors (CreateToken:SlowDownException) or of a grant
# (CreateToken:refresh_token, CreateToken:device_code); faults_injected.
sso_calls() { sso_ctl calls "$1"; }
sso_device_count() { sso_ctl device-count; }   # device authorizations started so far
# sso_approve [USER_CODE]: the user approves USER_CODE (else the latest pending authorization)
# in the browser; waits up to 10 s for the binary (in the background) to start one.
sso_approve() {
    local _
    for _ in $(seq 1 100); do
        sso_ctl approve ${1:+"$1"} >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    sso_ctl approve ${1:+"$1"} >/dev/null || fail "sso_approve: no pending device authorization ${1:-}"
}
# sso_fake_browser: exports BROWSER=a script that appends its URL argument to
# $E2E_TMP/browser.log and opens it: opening verificationUriComplete approves its user code,
# as the user would in a real browser.
sso_fake_browser() {
    cat >"$E2E_TMP/browser" <<'SH'
#!/bin/sh
printf '%s\n' "$1" >>"${0%/*}/browser.log"
exec python3 -c 'import sys, urllib.request as u; u.build_opener(u.ProxyHandler({})).open(sys.argv[1], timeout=10).read()' "$1"
SH
    chmod 755 "$E2E_TMP/browser"
    export BROWSER=$E2E_TMP/browser
}
write_sso_config() {  # ~/.aws/config: [profile dev] of sso-session corp (role admin, account $ACCOUNT)
    cat >"$HOME/.aws/config" <<CFG
[profile dev]
sso_session = corp
sso_account_id = $ACCOUNT
sso_role_name = admin
region = eu-west-1

[sso-session corp]
sso_start_url = $SSO_START_URL
sso_region = $SSO_REGION
sso_registration_scopes = sso:account:access
CFG
}

# sso_issue_token START_URL [LIFETIME]: a signed-in session without a login; prints the JSON
# {accessToken, refreshToken, expiresIn, expiresAt, clientId, clientSecret,
#  registrationExpiresAt, startUrl} (times in epoch seconds). LIFETIME may be 0 or negative.
sso_issue_token() { sso_ctl issue-token "$1" ${2:+"$2"}; }
# write_sso_token_cache [--legacy] KEY [LIFETIME [START_URL]]: issues a token (sso_issue_token)
# and writes it as the AWS CLI does to ~/.aws/sso/cache/<sha1 of KEY>.json; KEY is the
# sso-session name or (legacy profiles) the start URL, START_URL defaults to KEY when KEY is a
# URL, else $SSO_START_URL; region $SSO_REGION. --legacy: only accessToken, expiresAt, region,
# startUrl (no refresh). Times as $SSO_CACHE_TIME_FORMAT (strftime, UTC; default
# %Y-%m-%dT%H:%M:%SZ; the AWS CLI's own writer gives %Y-%m-%dT%H:%M:%SUTC). Prints the path.
write_sso_token_cache() {
    local legacy=
    if [ "${1:-}" = --legacy ]; then legacy=1; shift; fi
    local key=$1 lifetime=${2:-} url=${3:-}
    if [ -z "$url" ]; then
        case $key in https://*) url=$key ;; *) url=$SSO_START_URL ;; esac
    fi
    sso_issue_token "$url" $lifetime >"$E2E_TMP/sso-issued.json" || fail "write_sso_token_cache: no token for $url"
    python3 - "$key" "$SSO_REGION" "$legacy" "$HOME/.aws/sso/cache" "$E2E_TMP/sso-issued.json" \
        "${SSO_CACHE_TIME_FORMAT:-%Y-%m-%dT%H:%M:%SZ}" <<'PY'
import hashlib, json, os, sys, time
key, region, legacy, folder, issued_file, time_format = sys.argv[1:7]
with open(issued_file) as f:
    issued = json.load(f)
stamp = lambda t: time.strftime(time_format, time.gmtime(t))
cache = {"startUrl": issued["startUrl"], "region": region, "accessToken": issued["accessToken"],
         "expiresAt": stamp(issued["expiresAt"])}
if not legacy:
    cache.update(refreshToken=issued["refreshToken"], clientId=issued["clientId"],
                 clientSecret=issued["clientSecret"],
                 registrationExpiresAt=stamp(issued["registrationExpiresAt"]))
os.makedirs(folder, mode=0o700, exist_ok=True)
path = os.path.join(folder, hashlib.sha1(key.encode()).hexdigest() + ".json")
fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(fd, "w") as f:
    json.dump(cache, f, indent=2)
print(path)
PY
    rm -f "$E2E_TMP/sso-issued.json"
}

# --- a standard world: alice (MFA user) -> admin -> deep -> deeper, bob (plain user) -----
ACCOUNT=111122223333
ALICE_KEY=AKIAALICEEXAMPLE0001
ALICE_SECRET='alice/Secret+Key/EXAMPLE0000000000000001'
ALICE_SEED=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP
ALICE_MFA=arn:aws:iam::$ACCOUNT:mfa/alice
BOB_KEY=AKIABOBEXAMPLE000002
BOB_SECRET='bob/Secret+Key/EXAMPLE00000000000000002'

standard_world() {
    cat <<JSON
{"accounts": {"$ACCOUNT": {
  "users": {
    "alice": {"access_keys": [{"id": "$ALICE_KEY", "secret": "$ALICE_SECRET"}],
              "mfa_devices": [{"serial": "$ALICE_MFA", "seed_base32": "$ALICE_SEED"}]},
    "bob": {"access_keys": [{"id": "$BOB_KEY", "secret": "$BOB_SECRET"}], "mfa_devices": []}},
  "roles": {
    "admin": {"trust": ["arn:aws:iam::$ACCOUNT:user/alice"], "require_mfa": true, "max_session_duration": 43200},
    "deep": {"trust": ["arn:aws:iam::$ACCOUNT:role/admin"], "max_session_duration": 7200},
    "deeper": {"trust": ["arn:aws:iam::$ACCOUNT:role/deep"]},
    "readonly": {"trust": ["arn:aws:iam::$ACCOUNT:root"], "max_session_duration": 3600},
    "partner": {"trust": ["arn:aws:iam::$ACCOUNT:user/bob"], "external_id": "ext-123"}}}}}
JSON
}

standard_profiles() {
    cat >"$HOME/.aws/credentials" <<INI
[alice]
aws_access_key_id = $ALICE_KEY
aws_secret_access_key = $ALICE_SECRET

[bob]
aws_access_key_id = $BOB_KEY
aws_secret_access_key = $BOB_SECRET
INI
    cat >"$HOME/.aws/config" <<INI
[profile alice]
mfa_serial = $ALICE_MFA
region = eu-west-1

[profile admin]
role_arn = arn:aws:iam::$ACCOUNT:role/admin
source_profile = alice

[profile deep]
role_arn = arn:aws:iam::$ACCOUNT:role/deep
source_profile = admin

[profile deeper]
role_arn = arn:aws:iam::$ACCOUNT:role/deeper
source_profile = deep

[profile partner]
role_arn = arn:aws:iam::$ACCOUNT:role/partner
source_profile = bob
external_id = ext-123
INI
}
# All requests that reached an action (faults not included).
total_calls() { ctl calls | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(v for k, v in d.items() if k != "faults_injected"))'; }

# The awsume-shell processes of this test (their HOME is the test's own): found by their
# environment, never by a name pattern, so that nothing else of the user's is touched.
own_pids() {
    local pid
    for pid in $(pgrep -u "$(id -u)" -x awsume-shell); do
        { tr '\0' '\n' <"/proc/$pid/environ"; } 2>/dev/null | grep -qxF "HOME=$HOME" && echo "$pid"
    done
}
stop_own_refreshers() {
    local pid
    for pid in $(own_pids); do kill "$pid" 2>/dev/null; done
}
