# credential_source = Ec2InstanceMetadata / EcsContainer against the fake IMDS / ECS endpoint
# (tests/metadata_server), whose credentials the local STS server honours for the AssumeRole.
# Every test names the endpoint (or disables IMDS): something may answer at 169.254.169.254.

APP_ROLE=arn:aws:iam::$ACCOUNT:role/app
INSTANCE_ROLE=arn:aws:iam::$ACCOUNT:role/instance-role
ECS_PATH=/v2/credentials/task-1  # the one path the fake ECS endpoint serves (its default)

metadata_world() {
    cat <<JSON
{"accounts": {"$ACCOUNT": {"users": {},
  "roles": {"instance-role": {"trust": []},
            "app": {"trust": ["$INSTANCE_ROLE"], "max_session_duration": 3600}}}}}
JSON
}

# The world, the servers, and the role profiles on-ec2 / on-ecs. ARGS go to the metadata server.
metadata_setup() {
    unset http_proxy https_proxy all_proxy ALL_PROXY HTTPS_PROXY no_proxy NO_PROXY
    start_server "$(metadata_world)"
    start_metadata_server "$INSTANCE_ROLE" "$@"
    cat >"$HOME/.aws/config" <<INI
[profile on-ec2]
role_arn = $APP_ROLE
credential_source = Ec2InstanceMetadata
region = us-east-1

[profile on-ecs]
role_arn = $APP_ROLE
credential_source = EcsContainer
region = us-east-1
INI
}

# Neither TEXT nor any file under ~/.awsume-shell holds a secret the fake handed out: an
# IMDS session token, an instance or task secret key or session token, the ECS
# authorization token.
expect_no_metadata_secret() {  # expect_no_metadata_secret TEXT WHAT
    local secret n=0
    while IFS= read -r secret; do
        n=$((n + 1))
        case $1 in *"$secret"*) fail "$2 holds secret $n the metadata service handed out: $1" ;; esac
        if grep -rqF -- "$secret" "$HOME/.awsume-shell" 2>/dev/null; then
            fail "secret $n the metadata service handed out is in $(grep -rlF -- "$secret" "$HOME/.awsume-shell")"
        fi
    done < <(metadata_ctl issued)
    [ "$n" -gt 0 ] || fail "the metadata service handed out nothing to look for"
}

caller_arn() {  # caller_arn PROFILE [awsume-shell options]: the AWS CLI's identity under exec
    local profile=$1; shift
    "$AWSUME" exec "$profile" "$@" -- "$AWS_CLI" --endpoint-url "$STS_URL" --region us-east-1 \
        sts get-caller-identity --output text --query Arn
}

test_imds_v2_source_assumes_the_role() {
    metadata_setup --mode v2
    export AWS_EC2_METADATA_SERVICE_ENDPOINT=$METADATA_URL
    expect_status 0 caller_arn on-ec2
    expect_contains "$OUT" "arn:aws:sts::$ACCOUNT:assumed-role/app/"
    expect_eq "$(metadata_calls 'PUT /latest/api/token')" 1 "token requests"
    expect_eq "$(metadata_calls 'GET /latest/meta-data/iam/security-credentials/')" 1 "role name requests"
    expect_eq "$(metadata_calls 'GET /latest/meta-data/iam/security-credentials/instance-role')" 1
    expect_eq "$(metadata_calls denied)" 0 "requests without a valid token"
    expect_eq "$(calls AssumeRole)" 1
    # The role is cached: a second run asks neither IMDS nor STS.
    expect_status 0 caller_arn on-ec2
    expect_eq "$(metadata_calls total)" 3 "metadata requests after a cache hit"
    expect_eq "$(calls AssumeRole)" 1
    # --debug shows the requests, never the session token or the keys IMDS handed out; nor
    # does anything under ~/.awsume-shell hold them.
    expect_status 0 "$AWSUME" exec on-ec2 -r --debug -- true
    expect_contains "$ERR" "PUT http://127.0.0.1:$METADATA_PORT (IMDS session token"
    expect_contains "$ERR" "GET http://127.0.0.1:$METADATA_PORT (the credentials of role instance-role"
    expect_eq "$(metadata_calls v2)" 6 "IMDSv2 requests after the refresh"
    expect_no_metadata_secret "$ERR" "debug output"
}

test_imds_endpoint_from_the_profile() {
    metadata_setup --mode v2
    sed -i "s|^credential_source = Ec2InstanceMetadata|&\nec2_metadata_service_endpoint = $METADATA_URL|" \
        "$HOME/.aws/config"
    expect_status 0 "$AWSUME" exec on-ec2 -- sh -c 'echo $AWS_ACCESS_KEY_ID'
    expect_eq "$(metadata_calls v2)" 3 "IMDSv2 requests"
    # The variable wins over the profile: a closed port fails.
    expect_status 1 env AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:1 "$AWSUME" exec on-ec2 -r -- true
    expect_contains "$ERR" "127.0.0.1:1"
}

test_imds_v1_fallback() {
    for status in 403 405; do
        metadata_setup --mode v1 --v1-status "$status"
        export AWS_EC2_METADATA_SERVICE_ENDPOINT=$METADATA_URL
        expect_status 0 caller_arn on-ec2
        expect_contains "$OUT" "assumed-role/app/"
        expect_eq "$(metadata_calls v1)" 3 "requests in v1 mode ($status)"
        expect_eq "$(metadata_calls 'GET /latest/meta-data/iam/security-credentials/instance-role')" 1
        kill "$METADATA_PID" "$SERVER_PID"; wait "$METADATA_PID" "$SERVER_PID" 2>/dev/null
        METADATA_PID= SERVER_PID=
        rm -rf "$HOME/.awsume-shell"
    done
}

test_imds_v1_disabled_is_refused() {
    metadata_setup --mode v1 --v1-status 404
    export AWS_EC2_METADATA_SERVICE_ENDPOINT=$METADATA_URL AWS_EC2_METADATA_V1_DISABLED=true
    expect_status 1 "$AWSUME" exec on-ec2 -- true
    one_line_error
    expect_contains "$ERR" "profile 'on-ec2'"
    expect_contains "$ERR" "HTTP 404"
    expect_contains "$ERR" "IMDSv1 fallback is disabled"
    expect_eq "$(metadata_calls total)" 1 "requests (the token PUT alone)"
    expect_eq "$(calls AssumeRole)" 0
    # The profile's switch does the same.
    unset AWS_EC2_METADATA_V1_DISABLED
    sed -i "s|^credential_source = Ec2InstanceMetadata|&\nec2_metadata_v1_disabled = true|" "$HOME/.aws/config"
    expect_status 1 "$AWSUME" exec on-ec2 -- true
    expect_contains "$ERR" "IMDSv1 fallback is disabled"
    # A switch to v2 serves again.
    metadata_ctl mode '{"mode": "v2"}' >/dev/null
    expect_status 0 "$AWSUME" exec on-ec2 -- true
}

test_imds_disabled_variable_makes_no_request() {
    metadata_setup --mode v2
    export AWS_EC2_METADATA_SERVICE_ENDPOINT=$METADATA_URL AWS_EC2_METADATA_DISABLED=true
    expect_status 2 "$AWSUME" exec on-ec2 -- true
    one_line_error
    expect_contains "$ERR" "profile 'on-ec2'"
    expect_contains "$ERR" "AWS_EC2_METADATA_DISABLED"
    expect_eq "$(metadata_calls total)" 0 "metadata requests"
}

# A service that answers 404 to everything (the fake's disabled mode): the token PUT's 404
# is an IMDSv1 service's answer, so the role name is asked without a token, and its 404
# means no role; with v1 disabled the PUT alone.
test_imds_that_answers_nothing_has_no_role() {
    metadata_setup --mode disabled
    export AWS_EC2_METADATA_SERVICE_ENDPOINT=$METADATA_URL
    expect_status 1 "$AWSUME" exec on-ec2 -- true
    one_line_error
    expect_contains "$ERR" "profile 'on-ec2'"
    expect_contains "$ERR" "has no IAM role for this instance (HTTP 404"
    expect_eq "$(metadata_calls disabled)" 2 "requests (the PUT, then the role name without a token)"
    expect_eq "$(metadata_calls 'GET /latest/meta-data/iam/security-credentials/')" 1
    expect_status 1 env AWS_EC2_METADATA_V1_DISABLED=true "$AWSUME" exec on-ec2 -- true
    expect_contains "$ERR" "IMDSv1 fallback is disabled"
    expect_eq "$(metadata_calls disabled)" 3 "requests (one more PUT)"
    expect_eq "$(calls AssumeRole)" 0
}

# An absent service fails fast and is asked once: nothing listening (refused at once), or a
# listener that accepts and never answers (one read timeout of about a second). The
# listener counts its accept()s; only the second case names the IMDS hop limit, the usual
# cause of an answer that never comes to a container.
test_imds_absent_fails_fast() {
    skip_under_sanitizer "a time"
    metadata_setup --mode v2
    local closed
    closed=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    python3 -c '
import os, socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
print(s.getsockname()[1], flush=True)
held, n = [], 0
while True:
    held.append(s.accept()[0]); n += 1
    with open(sys.argv[1] + ".tmp", "w") as f: f.write(str(n))
    os.replace(sys.argv[1] + ".tmp", sys.argv[1])' "$E2E_TMP/accepts" >"$E2E_TMP/silent.port" &
    SILENT_PID=$!
    trap 'kill $SILENT_PID 2>/dev/null; e2e_cleanup' EXIT
    for _ in $(seq 1 100); do [ -s "$E2E_TMP/silent.port" ] && break; sleep 0.05; done
    local silent; silent=$(cat "$E2E_TMP/silent.port")
    local endpoint start ms
    for endpoint in "http://127.0.0.1:$closed" "http://127.0.0.1:$silent"; do
        start=$(date +%s%N)
        expect_status 1 env AWS_EC2_METADATA_SERVICE_ENDPOINT="$endpoint" "$AWSUME" exec on-ec2 -- true
        ms=$(( ($(date +%s%N) - start) / 1000000 ))
        one_line_error
        expect_contains "$ERR" "did not answer the session token request"
        [ "$ms" -lt 5000 ] || fail "$endpoint: failed after $ms ms, wanted < 5000"
        echo "$endpoint failed in $ms ms"
        if [ "$endpoint" = "http://127.0.0.1:$closed" ]; then
            expect_not_contains "$ERR" "hop limit" "error for a closed port"
        else
            expect_contains "$ERR" "IMDS hop limit of 1"
        fi
    done
    expect_eq "$(cat "$E2E_TMP/accepts")" 1 "connections the silent service accepted (one attempt)"
    expect_eq "$(calls AssumeRole)" 0
}

# With http_proxy set and no NO_PROXY, a plain http:// endpoint that is not loopback is
# refused before a connection, as a configuration error (exit 2), with no IMDS hint.
test_imds_through_a_proxy_is_a_configuration_error() {
    metadata_setup --mode v2
    export http_proxy=http://127.0.0.1:9 AWS_EC2_METADATA_SERVICE_ENDPOINT=http://192.0.2.1
    expect_status 2 "$AWSUME" exec on-ec2 -- true
    one_line_error
    expect_contains "$ERR" "profile 'on-ec2'"
    expect_contains "$ERR" "http_proxy is set"
    expect_contains "$ERR" "NO_PROXY"
    expect_not_contains "$ERR" "hop limit"
}

# RELATIVE_URI is on http://169.254.170.2 (port 80): in a network namespace of the test's
# own, that address is the fake's, and nothing else is in reach.
test_ecs_relative_uri() {
    in_network_namespace 169.254.170.2 "$AWSUME_E2E_DIR/metadata_sources.sh" ecs_relative_uri_inside
}
ecs_relative_uri_inside() {
    export METADATA_SERVER_HOST=169.254.170.2 METADATA_SERVER_PORT=80
    metadata_setup --ecs-token task-token-1
    export AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=$ECS_PATH AWS_CONTAINER_AUTHORIZATION_TOKEN=task-token-1
    expect_status 0 caller_arn on-ecs
    expect_contains "$OUT" "arn:aws:sts::$ACCOUNT:assumed-role/app/"
    expect_eq "$(metadata_calls "GET $ECS_PATH")" 1
    expect_eq "$(metadata_calls host:169.254.170.2)" 1 "requests for 169.254.170.2"
    expect_eq "$(calls AssumeRole)" 1
}

# Nothing set: http://169.254.169.254, here the fake's in the test's own network namespace;
# AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6: http://[fd00:ec2::254].
test_imds_default_endpoints() {
    in_network_namespace 169.254.169.254 "$AWSUME_E2E_DIR/metadata_sources.sh" imds_default_endpoint_inside
    in_network_namespace fd00:ec2::254 "$AWSUME_E2E_DIR/metadata_sources.sh" imds_ipv6_endpoint_inside
}
imds_default_endpoint_inside() {
    export METADATA_SERVER_HOST=169.254.169.254 METADATA_SERVER_PORT=80
    metadata_setup --mode v2
    expect_status 0 caller_arn on-ec2
    expect_contains "$OUT" "arn:aws:sts::$ACCOUNT:assumed-role/app/"
    expect_eq "$(metadata_calls v2)" 3 "IMDSv2 requests"
    expect_eq "$(metadata_calls host:169.254.169.254)" 3
}
imds_ipv6_endpoint_inside() {
    export METADATA_SERVER_HOST=fd00:ec2::254 METADATA_SERVER_PORT=80
    metadata_setup --mode v2
    export AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6
    expect_status 0 caller_arn on-ec2
    expect_eq "$(metadata_calls v2)" 3 "IMDSv2 requests over IPv6"
}

test_ecs_full_uri_on_loopback_with_the_aws_cli() {
    metadata_setup --ecs-token task-token-1
    export AWS_CONTAINER_CREDENTIALS_FULL_URI=$METADATA_URL$ECS_PATH AWS_CONTAINER_AUTHORIZATION_TOKEN=task-token-1
    expect_status 0 caller_arn on-ecs
    expect_contains "$OUT" "arn:aws:sts::$ACCOUNT:assumed-role/app/"
    expect_eq "$(metadata_calls "GET $ECS_PATH")" 1
    expect_eq "$(metadata_calls denied)" 0
    # --debug shows the request, never the token or the keys handed out.
    expect_status 0 "$AWSUME" exec on-ecs -r --debug -- true
    expect_contains "$ERR" "GET http://127.0.0.1:$METADATA_PORT (container credentials"
    expect_no_metadata_secret "$ERR" "debug output"
}

# Over plain http only loopback and the agents' addresses: anything else is refused before a
# connection. In a network namespace of the test's own the fake really answers at
# 169.254.169.254:80, so a request that left would be counted.
test_ecs_full_uri_to_a_forbidden_host_makes_no_connection() {
    in_network_namespace 169.254.169.254 "$AWSUME_E2E_DIR/metadata_sources.sh" ecs_forbidden_host_inside
}
ecs_forbidden_host_inside() {
    export METADATA_SERVER_HOST=169.254.169.254 METADATA_SERVER_PORT=80
    metadata_setup --ecs-token task-token-1
    export AWS_CONTAINER_AUTHORIZATION_TOKEN=task-token-1
    local url
    for url in http://169.254.169.254/creds http://169.254.169.254:80/latest/meta-data/ \
               "http://127.0.0.1@169.254.169.254/creds" http://127.0.0.1.nip.io/creds; do
        expect_status 2 env AWS_CONTAINER_CREDENTIALS_FULL_URI="$url" "$AWSUME" exec on-ecs -- true
        one_line_error
        expect_contains "$ERR" "AWS_CONTAINER_CREDENTIALS_FULL_URI"
        expect_contains "$ERR" "profile 'on-ecs'"
    done
    expect_eq "$(metadata_calls total)" 0 "requests that reached the fake"
    expect_status 2 "$AWSUME" exec on-ecs -- true  # neither variable
    expect_contains "$ERR" "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"
}

test_ecs_token_file_is_read_at_each_use_and_wins() {
    metadata_setup --ecs-token file-token-1
    local file=$E2E_TMP/token
    printf 'file-token-1' >"$file"
    export AWS_CONTAINER_CREDENTIALS_FULL_URI=$METADATA_URL$ECS_PATH AWS_CONTAINER_AUTHORIZATION_TOKEN=variable-token \
           AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=$file
    expect_status 0 "$AWSUME" exec on-ecs -- true
    # The token rotates: the file is read again (-r: the role is not taken from the cache).
    metadata_ctl mode '{"ecs_token": "file-token-2"}' >/dev/null
    printf 'file-token-2\n' >"$file"
    expect_status 0 "$AWSUME" exec on-ecs -r -- true
    expect_eq "$(metadata_calls "GET $ECS_PATH")" 2
    expect_eq "$(metadata_calls denied)" 0
    expect_eq "$(calls AssumeRole)" 2
    # A header injection in the file is refused before any request.
    printf 'file-token-2\r\nX-Injected: 1' >"$file"
    expect_status 2 "$AWSUME" exec on-ecs -r -- true
    one_line_error
    expect_contains "$ERR" "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"
    expect_not_contains "$ERR" "file-token-2"
    expect_eq "$(metadata_calls total)" 2
}

test_ecs_wrong_token_names_the_status() {
    metadata_setup --ecs-token task-token-1
    export AWS_CONTAINER_CREDENTIALS_FULL_URI=$METADATA_URL$ECS_PATH AWS_CONTAINER_AUTHORIZATION_TOKEN=wrong-token
    expect_status 1 "$AWSUME" exec on-ecs -- true
    one_line_error
    expect_contains "$ERR" "profile 'on-ecs'"
    expect_contains "$ERR" "HTTP 403 AccessDenied"
    expect_not_contains "$ERR" "wrong-token"
    unset AWS_CONTAINER_AUTHORIZATION_TOKEN
    expect_status 1 "$AWSUME" exec on-ecs -- true
    expect_contains "$ERR" "Authorization token is missing"
    expect_eq "$(metadata_calls denied)" 2
    expect_eq "$(calls AssumeRole)" 0
}

# A path the endpoint does not serve: the ECS agent's answer for an unknown credentials id.
test_ecs_unknown_path_names_the_agent_answer() {
    metadata_setup --ecs-token task-token-1
    export AWS_CONTAINER_CREDENTIALS_FULL_URI=$METADATA_URL/v2/credentials/task-2 \
           AWS_CONTAINER_AUTHORIZATION_TOKEN=task-token-1
    expect_status 1 "$AWSUME" exec on-ecs -- true
    one_line_error
    expect_contains "$ERR" "profile 'on-ecs'"
    expect_contains "$ERR" "HTTP 400 InvalidIdInRequest: CredentialsV2Request: Credentials not found"
    expect_not_contains "$ERR" "task-2" "error (the path may name the task)"
    expect_eq "$(metadata_calls 'GET /v2/credentials/task-2')" 1
    expect_eq "$(calls AssumeRole)" 0
}
