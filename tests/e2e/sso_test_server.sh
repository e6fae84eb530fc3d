# The lib.sh helpers of the local IAM Identity Center server (tests/sso_server), which the SSO
# suites build on: start/stop with the test, the AWS CLI token cache they write, approval.

# The portal's answer to a GetRoleCredentials with the token of cache file $1 (no token in argv).
role_credentials_of_cache() {  # role_credentials_of_cache CACHE_FILE ROLE
    python3 - "$1" "$2" "$SSO_URL" "$ACCOUNT" <<'PY'
import json, sys, urllib.request
cache, role, url, account = sys.argv[1:5]
token = json.load(open(cache))["accessToken"]
req = urllib.request.Request(f"{url}/federation/credentials?role_name={role}&account_id={account}",
                             headers={"x-amz-sso_bearer_token": token})
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
try:
    print(json.dumps(json.load(opener.open(req, timeout=10))["roleCredentials"]))
except urllib.error.HTTPError as err:
    print(f"HTTP {err.code} {err.headers.get('x-amzn-ErrorType')}")
PY
}

test_token_cache_file_is_the_aws_clis_and_its_token_works() {
    start_server "$(standard_world)"; start_sso_server
    expect_eq "$AWS_ENDPOINT_URL_SSO" "http://127.0.0.1:$SSO_PORT" "portal endpoint"
    expect_eq "$AWS_ENDPOINT_URL_SSO_OIDC" "$AWS_ENDPOINT_URL_SSO" "OIDC endpoint"
    file=$(write_sso_token_cache my-sso 120)
    expect_eq "$file" "$HOME/.aws/sso/cache/$(printf '%s' my-sso | sha1sum | cut -d' ' -f1).json" "cache path"
    expect_perm "$file" 600
    fields=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join(sorted(d)), d["startUrl"], d["region"])' "$file")
    expect_eq "$fields" "accessToken clientId clientSecret expiresAt refreshToken region registrationExpiresAt startUrl $SSO_START_URL $SSO_REGION" "cache fields"
    left=$(python3 -c 'import calendar,json,sys,time; d=json.load(open(sys.argv[1])); print(calendar.timegm(time.strptime(d["expiresAt"], "%Y-%m-%dT%H:%M:%SZ")) - int(time.time()))' "$file")
    [ "$left" -ge 110 ] && [ "$left" -le 121 ] || fail "expiresAt $left s ahead, wanted 120"
    creds=$(role_credentials_of_cache "$file" admin)
    expect_contains "$creds" '"accessKeyId": "ASIA'
    # The minted keys are the STS server's own: the AWS CLI is the admin role's session.
    arn=$(python3 -c 'import json,sys,subprocess,os; c=json.loads(sys.argv[1]); os.environ.update(AWS_ACCESS_KEY_ID=c["accessKeyId"], AWS_SECRET_ACCESS_KEY=c["secretAccessKey"], AWS_SESSION_TOKEN=c["sessionToken"]); print(subprocess.check_output([sys.argv[2], "sts", "get-caller-identity", "--region", "eu-west-1", "--endpoint-url", sys.argv[3], "--query", "Arn", "--output", "text"], text=True).strip())' "$creds" "$AWS_CLI" "$STS_URL")
    expect_eq "$arn" "arn:aws:sts::$ACCOUNT:assumed-role/admin/alice@example.com" "caller"
    expect_eq "$(role_credentials_of_cache "$file" deep)" "HTTP 403 ForbiddenException" "unassigned role"
    expect_eq "$(sso_calls GetRoleCredentials)" 2 "GetRoleCredentials calls"
    expect_eq "$(sso_calls GetRoleCredentials:ForbiddenException)" 1 "forbidden calls"
}

test_legacy_cache_and_expired_token() {
    start_server "$(standard_world)"; start_sso_server
    file=$(write_sso_token_cache --legacy "$SSO_START_URL" 0)
    expect_eq "$file" "$HOME/.aws/sso/cache/$(printf '%s' "$SSO_START_URL" | sha1sum | cut -d' ' -f1).json" "legacy cache path"
    fields=$(python3 -c 'import json,sys; print(" ".join(sorted(json.load(open(sys.argv[1])))))' "$file")
    expect_eq "$fields" "accessToken expiresAt region startUrl" "legacy cache fields"
    expect_eq "$(role_credentials_of_cache "$file" admin)" "HTTP 401 UnauthorizedException" "expired token"
    file=$(SSO_CACHE_TIME_FORMAT='%Y-%m-%dT%H:%M:%SUTC' write_sso_token_cache other-session)
    expect_eq "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["expiresAt"][19:], d["registrationExpiresAt"][19:])' "$file")" "UTC UTC" "AWS CLI time format"
}

test_approve_waits_for_the_device_authorization() {
    start_server "$(standard_world)"; start_sso_server
    python3 - "$SSO_URL" "$SSO_START_URL" >"$E2E_TMP/login.out" 2>&1 <<'PY' &
import json, sys, time, urllib.request
url, start = sys.argv[1:3]
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
def post(path, body):
    req = urllib.request.Request(url + path, json.dumps(body).encode(), {"Content-Type": "application/json"})
    try:
        return json.load(opener.open(req, timeout=10))
    except urllib.error.HTTPError as err:
        return json.load(err)
time.sleep(3)  # sso_approve must wait for this
c = post("/client/register", {"clientName": "t", "clientType": "public", "scopes": ["sso:account:access"]})
d = post("/device_authorization", {"clientId": c["clientId"], "clientSecret": c["clientSecret"], "startUrl": start})
for _ in range(40):
    t = post("/token", {"clientId": c["clientId"], "clientSecret": c["clientSecret"],
                        "grantType": "urn:ietf:params:oauth:grant-type:device_code", "deviceCode": d["deviceCode"]})
    if "accessToken" in t:
        print("token", "refreshToken" in t); break
    time.sleep(d["interval"] + 0.1)
PY
    login=$!
    sso_approve
    wait $login
    expect_eq "$(cat "$E2E_TMP/login.out")" "token True" "login after approval"
    expect_eq "$(sso_device_count)" 1 "device authorizations"
    expect_eq "$(sso_calls CreateToken:SlowDownException)" 0 "slow_down answers"
    expect_status 1 sso_ctl approve NOPE-NOPE
}

test_server_stops_with_the_test() {
    local outer=$E2E_TMP
    ( e2e_begin sso_test_server inner >/dev/null
      start_server "$(standard_world)"; start_sso_server
      echo "$SSO_SERVER_PID $SERVER_PID" >"$outer/pids" ) || fail "inner test failed"
    read -r sso sts <"$outer/pids"
    kill -0 "$sso" 2>/dev/null && fail "SSO server $sso still runs after its test"
    kill -0 "$sts" 2>/dev/null && fail "STS server $sts still runs after its test"
    true
}

test_fake_browser_approves_what_it_opens() {
    start_server "$(standard_world)"; start_sso_server; sso_fake_browser
    url=$(python3 - "$SSO_URL" "$SSO_START_URL" <<'PY'
import json, sys, urllib.request
url, start = sys.argv[1:3]
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
def post(path, body):
    req = urllib.request.Request(url + path, json.dumps(body).encode(), {"Content-Type": "application/json"})
    return json.load(opener.open(req, timeout=10))
c = post("/client/register", {"clientName": "t", "clientType": "public"})
print(post("/device_authorization", {"clientId": c["clientId"], "clientSecret": c["clientSecret"],
                                     "startUrl": start})["verificationUriComplete"])
PY
)
    expect_eq "$(sso_ctl device-authorizations | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["status"])')" pending "before the browser"
    "$BROWSER" "$url" || fail "the fake browser failed"
    expect_eq "$(cat "$E2E_TMP/browser.log")" "$url" "URL the browser opened"
    expect_eq "$(sso_ctl device-authorizations | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["status"])')" approved "after the browser"
}
