# Issue 11: the credentials server (`exec --server`, `--server` sub-shell, the
# `credential_server = on` setting): an HTTP server on 127.0.0.1 in the ECS container
# credentials format, renewing the role through the cached MFA session, for the real AWS CLI,
# Debian's botocore (tests/e2e/server_client.py) and raw HTTP clients, against the local STS
# server. The sub-shell parts drive real bash and zsh through tmux.
# ctest COST: about 330 s serial (add credentials_server=330 to E2E_SLOW_SUITES).
source "$AWSUME_E2E_DIR/tmux_driver.sh"
source "$AWSUME_E2E_DIR/subshell_helpers.sh"

PY=/usr/bin/python3   # Debian's python: the AWS CLI's botocore is importable there
SERVER_CLIENT=$AWSUME_E2E_DIR/server_client.py
STATIC_VARS="AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN
    AWS_PROFILE AWS_DEFAULT_PROFILE AWS_CREDENTIAL_EXPIRATION
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"
URI_RE='^http://127\.0\.0\.1:[0-9]+/awsume-shell/credentials$'

# --- helpers ------------------------------------------------------------------------------

# Server, profiles, refresh_before_expiry = 30s and a warm MFA session (12 h) with cached
# role credentials of admin (1 h).
server_setup() {
    start_server "$(standard_world)"; standard_profiles
    mkdir -p "$HOME/.awsume-shell"
    printf 'refresh_before_expiry = 30s\n' >"$HOME/.awsume-shell/config.ini"
    "$AWSUME" exec admin --mfa-code "$(totp $ALICE_SEED)" -- true || fail "warm-up"
}

# The processes running the awsume-shell binary (whatever name they give themselves) whose
# HOME is HOME_PREFIX (default: exactly this test's $HOME; with a trailing / every home
# below it). By /proc/PID/exe and the environment, never by a name pattern.
binary_pids() {  # binary_pids [HOME_PREFIX/]
    local pid exe home=${1:-$HOME} where
    exe=$(readlink -f "$AWSUME")
    for pid in $(pgrep -u "$(id -u)"); do
        where=$(readlink "/proc/$pid/exe" 2>/dev/null) || continue
        [ "$where" = "$exe" ] || [ "$where" = "$exe (deleted)" ] || continue
        if [ -n "${1:-}" ]; then
            { tr '\0' '\n' <"/proc/$pid/environ"; } 2>/dev/null | grep -q "^HOME=$home" && echo "$pid"
        else
            { tr '\0' '\n' <"/proc/$pid/environ"; } 2>/dev/null | grep -qxF "HOME=$home" && echo "$pid"
        fi
    done
}
kill_test_processes() {  # on the way out: whatever a failed test left running
    local pid
    for pid in $(binary_pids "$E2E_TMP/"); do kill -9 "$pid" 2>/dev/null; done
}

port_of() { local p=${1#http://127.0.0.1:}; echo "${p%%/*}"; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_file() {  # wait_file FILE [SECONDS]
    local i
    for ((i = 0; i < ${2:-10} * 10; i++)); do [ -s "$1" ] && return 0; sleep 0.1; done
    fail "no $1 after ${2:-10} s"
}

# Within SECONDS (default 2): the port refuses connections (PORT "-": not checked) and no
# process of the binary of this test's HOME is left (own_pids of lib.sh, and binary_pids by
# executable).
expect_server_gone() {  # expect_server_gone PORT|- [SECONDS] [WHAT]
    local port=$1 i left=
    for ((i = 0; i <= ${2:-2} * 10; i++)); do
        left=$( { own_pids; binary_pids; } | sort -u | tr '\n' ' ')
        if { [ "$port" = - ] || ! port_open "$port"; } && [ -z "$left" ]; then return 0; fi
        sleep 0.1
    done
    local open=closed
    [ "$port" != - ] && port_open "$port" && open=open
    fail "${3:-server} after ${2:-2} s: port $port $open, processes left: '${left}' $(for p in $left; do ps -o pid=,ppid=,comm=,args= -p "$p"; done)"
}

# The server mode's environment of a child: container variables, none of the static ones.
check_server_env() {  # check_server_env ENV_TEXT [PROFILE]
    local text=$1 profile=${2:-admin} var uri token expires
    uri=$(sed -n 's/^AWS_CONTAINER_CREDENTIALS_FULL_URI=//p' <<<"$text")
    [[ $uri =~ $URI_RE ]] || fail "AWS_CONTAINER_CREDENTIALS_FULL_URI='$uri' in: $text"
    token=$(sed -n 's/^AWS_CONTAINER_AUTHORIZATION_TOKEN=//p' <<<"$text")
    [[ $token =~ ^[0-9a-fA-F]{64}$ ]] || fail "AWS_CONTAINER_AUTHORIZATION_TOKEN is not 64 hex digits: '$token'"
    for var in $STATIC_VARS; do
        grep -q "^$var=" <<<"$text" && fail "$var is set in server mode: $(grep "^$var=" <<<"$text" | cut -c1-60)"
    done
    expect_eq "$(sed -n 's/^AWSUME_PROFILE=//p' <<<"$text")" "$profile" "AWSUME_PROFILE"
    expires=$(sed -n 's/^AWSUME_SHELL_EXPIRES=//p' <<<"$text")
    [[ $expires =~ ^[0-9]+$ ]] && [ "$expires" -gt "$(date +%s)" ] ||
        fail "AWSUME_SHELL_EXPIRES='$expires' is not a future Unix time"
}
env_value() { sed -n "s/^$2=//p" <<<"$1"; }  # env_value ENV_TEXT NAME
json_field() { printf '%s' "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$2"; }
iso_to_epoch() { date -u -d "$1" +%s; }

# Runs COMMAND in the sub-shell with its stdout and stderr into $E2E_TMP/NAME (written
# whole, by a rename); prints it.
shell_out() {  # shell_out SESSION NAME COMMAND [SECONDS]
    local f=$E2E_TMP/$2 i
    rm -f "$f" "$f.tmp"
    tmux_send "$1" "{ $3 ; } >$f.tmp 2>&1; mv $f.tmp $f"
    for ((i = 0; i < ${4:-30} * 10; i++)); do [ -e "$f" ] && break; sleep 0.1; done
    [ -e "$f" ] || { tmux_capture "$1" >&2; fail "no answer in the sub-shell to: $3"; }
    cat "$f"
}

# Time left the last "(admin ...) userprompt> " prompt shows, in seconds ("1m" is 60,
# "1h00m" 3600): the countdown's own format (docs/shell.md).
prompt_left() {  # prompt_left SESSION
    local t n=0
    t=$(tmux_capture "$1" | grep -oE '^\(admin [0-9hms]+\) userprompt> ' | tail -n 1 |
        sed -E 's/^\(admin ([0-9hms]+)\).*/\1/')
    [ -n "$t" ] || return 0
    [[ $t =~ ([0-9]+)h ]] && n=$(( n + 3600 * 10#${BASH_REMATCH[1]} ))
    [[ $t =~ ([0-9]+)m ]] && n=$(( n + 60 * 10#${BASH_REMATCH[1]} ))
    [[ $t =~ ([0-9]+)s ]] && n=$(( n + 10#${BASH_REMATCH[1]} ))
    echo "$n"
}

# forks and execs of the shell SHELL_PID (and its children) while Enter is pressed N times,
# then once `/bin/true` (so that the trace is known to be live): prints "FORKS EXECS TRUE".
prompt_processes() {  # prompt_processes SESSION SHELL_PID N
    local trace=$E2E_TMP/strace.$1 sp i
    strace -f -qq -e trace=execve,clone,clone3,fork,vfork -o "$trace" -p "$2" &
    sp=$!
    sleep 0.8
    for ((i = 0; i < $3; i++)); do tmux_cmd send-keys -t "$1" Enter; sleep 0.1; done
    sleep 0.3
    tmux_send "$1" /bin/true
    sleep 0.8
    kill "$sp"; wait "$sp" 2>/dev/null
    echo "$(grep -cE '(clone|clone3|fork|vfork)\(' "$trace") $(grep -cE 'execve\(' "$trace") $(grep -cE 'execve\("/bin/true"' "$trace")"
}

# AssumeRole requests signed with the MFA session of this HOME (its cache entry,
# docs/cache.md), so that two shells of two homes against one STS server are counted apart.
assume_role_calls_of_home() {
    local key
    key=$(python3 -c 'import glob, json, os, sys
files = glob.glob(os.path.join(sys.argv[1], "mfa-session-*.json"))
print(json.load(open(files[0]))["AccessKeyId"] if len(files) == 1 else "")' "$HOME/.awsume-shell/cache")
    [ -n "$key" ] || fail "no single MFA session entry in $HOME/.awsume-shell/cache"
    ctl log | python3 -c 'import json, sys
print(sum(1 for e in json.load(sys.stdin) if e["action"] == "AssumeRole" and e["access_key_id"] == sys.argv[1]))' "$key"
}

# --- 1: the AWS CLI, and what the child's environment holds --------------------------------
test_aws_cli_through_the_server_and_the_child_environment() {
    server_setup
    trap 'kill_test_processes; e2e_cleanup' EXIT
    ctl reset-calls >/dev/null
    expect_status 0 "$AWSUME" exec --server admin -- "$AWS_CLI" --endpoint-url "$STS_URL" \
        --region us-east-1 sts get-caller-identity --query Arn --output text
    expect_contains "$OUT" "arn:aws:sts::$ACCOUNT:assumed-role/admin/"
    expect_eq "$(calls GetCallerIdentity)" 1 "GetCallerIdentity calls"
    expect_eq "$(calls AssumeRole)" 0 "AssumeRole calls (cached role credentials served)"
    expect_eq "$(calls GetSessionToken)" 0 "GetSessionToken calls"

    expect_status 0 "$AWSUME" exec --server admin -- env
    local served=$OUT
    check_server_env "$served"
    expect_status 0 "$AWSUME" exec admin -- env
    local plain=$OUT
    # The region variables are what they are without --server.
    for var in AWS_REGION AWS_DEFAULT_REGION; do
        expect_eq "$(env_value "$served" $var)" "$(env_value "$plain" $var)" "$var with --server"
    done
    # A token of its own per run.
    expect_status 0 "$AWSUME" exec --server admin -- env
    [ "$(env_value "$OUT" AWS_CONTAINER_AUTHORIZATION_TOKEN)" != "$(env_value "$served" AWS_CONTAINER_AUTHORIZATION_TOKEN)" ] ||
        fail "two runs got the same authorization token"
    # The first credentials' expiry is AWSUME_SHELL_EXPIRES.
    expect_status 0 "$AWSUME" exec --server admin -- sh -c \
        'echo "$AWSUME_SHELL_EXPIRES"; "$0" "$1" fetch' "$PY" "$SERVER_CLIENT"
    expect_eq "$(iso_to_epoch "$(json_field "$(sed 1d <<<"$OUT")" Expiration)")" "$(head -n 1 <<<"$OUT")" \
        "AWSUME_SHELL_EXPIRES against the served Expiration"
}

# --- 2: long-running botocore clients across renewals -----------------------------------
test_botocore_clients_across_renewals_one_assume_role_each() {
    server_setup
    trap 'kill_test_processes; e2e_cleanup' EXIT
    ctl settings '{"credential_lifetime": 62}' >/dev/null
    ctl reset-calls >/dev/null
    # -r: the first role credentials are 62 s ones too. 8 clients, each its own botocore
    # session, GetCallerIdentity every 0.5 s for 130 s (> two lifetimes).
    timeout 220 "$AWSUME" exec --server admin -r -- "$PY" "$SERVER_CLIENT" botocore --clients 8 \
        --seconds 130 --interval 0.5 --endpoint "$STS_URL" >"$E2E_TMP/clients.json" 2>"$E2E_TMP/clients.err" ||
        fail "clients ended with $?: $(tail -n 20 "$E2E_TMP/clients.err")"
    python3 - "$E2E_TMP/clients.json" >"$E2E_TMP/summary" <<'PY' || fail "summary: $(cat "$E2E_TMP/clients.json")"
import json, sys
d = json.load(open(sys.argv[1]))
cs, union = d["clients"], d["keys"]
def contiguous(keys):  # a client's keys, in the order it saw them, are a run of the union's
    i = union.index(keys[0]) if keys else 0
    return keys == union[i:i + len(keys)]
print("botocore", d["botocore"])
print("methods", ",".join(sorted({str(c["method"]) for c in cs})))
print("errors", sum(len(c["errors"]) for c in cs))
print("first_errors", " | ".join(e for c in cs for e in c["errors"])[:1500])
print("min_requests", min(c["requests"] for c in cs))
print("min_keys", min(len(c["keys"]) for c in cs))
print("union", len(union))
print("regressions", sum(c["regressions"] for c in cs))
print("in_order", all(contiguous(c["keys"]) for c in cs))
print("arns", ",".join(sorted({a for c in cs for a in c["arns"]})))
print("per_client", " ".join(str(len(c["keys"])) for c in cs))
PY
    cat "$E2E_TMP/summary"
    s() { sed -n "s/^$1 //p" "$E2E_TMP/summary"; }
    expect_contains "$(s botocore)" /usr/lib/python3/dist-packages/awscli/botocore "botocore used"
    expect_eq "$(s methods)" container-role "credential provider of every client"
    expect_eq "$(s errors)" 0 "client errors ($(s first_errors))"
    [ "$(s min_requests)" -ge 150 ] || fail "a client made only $(s min_requests) requests in 130 s"
    [ "$(s min_keys)" -ge 3 ] || fail "a client saw the key change fewer than two times: keys per client $(s per_client)"
    expect_eq "$(s regressions)" 0 "clients handed an older key after a newer one"
    expect_eq "$(s in_order)" True "every client saw the keys in the order they were issued"
    expect_contains "$(s arns)" "arn:aws:sts::$ACCOUNT:assumed-role/admin/"
    # One AssumeRole for the start and one per renewal, however many clients asked: every
    # key issued was seen, and no key is issued twice.
    expect_eq "$(calls AssumeRole)" "$(s union)" "AssumeRole calls against distinct keys seen by all clients"
    expect_eq "$(calls GetSessionToken)" 0 "GetSessionToken calls (the MFA session is cached)"
    expect_server_gone - 2 "after the clients ended"
}

# --- 3: the HTTP contract: token, methods, paths, JSON errors ----------------------------
test_http_token_methods_paths_and_json_errors() {
    server_setup
    trap 'kill_test_processes; e2e_cleanup' EXIT
    expect_status 0 "$AWSUME" exec --server admin -- "$PY" "$SERVER_CLIENT" probe
    local probe=$OUT line
    printf '%s\n' "$probe"
    probe_line() { grep "^$1 " <<<"$probe"; }
    [[ $(probe_line good) =~ ^good\ 200\ -\ AccessKeyId,Expiration,SecretAccessKey,Token\ [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\ ASIA ]] ||
        fail "good request: $(probe_line good)"
    for name in wrong-token short-token longer-token bearer-token missing-token empty-token; do
        expect_contains "$(probe_line $name)" "$name 403 AccessDenied " "$name"
    done
    for name in post put delete patch; do
        expect_contains "$(probe_line $name)" "$name 405 MethodNotAllowed " "$name"
    done
    for name in other-path root-path longer-path; do
        [[ $(probe_line $name) =~ ^$name\ 404\ [A-Za-z]+\  ]] || fail "$name: $(probe_line $name)"
    done
    # curl, as another client: the same answers.
    if command -v curl >/dev/null; then
        expect_status 0 "$AWSUME" exec --server admin -- sh -c '
            u=$AWS_CONTAINER_CREDENTIALS_FULL_URI t=$AWS_CONTAINER_AUTHORIZATION_TOKEN
            c() { curl -s --noproxy "*" -o /dev/null -w "%{http_code} " "$@"; }
            c -H "Authorization: $t" "$u"; c "$u"; c -H "Authorization: x$t" "$u"
            c -X POST -H "Authorization: $t" "$u"; c -X PUT -H "Authorization: $t" "$u"
            c -X DELETE -H "Authorization: $t" "$u"; c -H "Authorization: $t" "${u%/*}/nope"'
        expect_eq "$OUT" "200 403 403 405 405 405 404 " "curl's statuses"
    fi
}

# --- 4: no server left: after the command, after SIGKILL of exec or of the sub-shell's parent
test_port_closed_and_no_process_after_the_command() {
    server_setup
    trap 'kill_test_processes; e2e_cleanup' EXIT
    expect_status 0 "$AWSUME" exec --server admin -- sh -c \
        'echo "$AWS_CONTAINER_CREDENTIALS_FULL_URI" >"$2"; "$0" "$1" fetch >/dev/null && echo SERVED' \
        "$PY" "$SERVER_CLIENT" "$E2E_TMP/uri"
    expect_eq "$OUT" SERVED "the server answered while the command ran"
    local port; port=$(port_of "$(cat "$E2E_TMP/uri")")
    expect_server_gone "$port" 2 "after the command ended"
}

test_sigkill_of_exec_leaves_no_server() {
    server_setup
    trap 'kill_test_processes; e2e_cleanup' EXIT
    "$AWSUME" exec --server admin -- sh -c \
        'echo "$AWS_CONTAINER_CREDENTIALS_FULL_URI" >"$1.tmp" && mv "$1.tmp" "$1" && exec sleep 300' \
        sh "$E2E_TMP/uri" &
    local pid=$! port server
    wait_file "$E2E_TMP/uri"
    port=$(port_of "$(cat "$E2E_TMP/uri")")
    port_open "$port" || fail "port $port not open while the command runs"
    server=$(binary_pids)
    expect_eq "$(wc -w <<<"$server")" 1 "server processes while the command runs ($server)"
    expect_eq "$(ps -o ppid= -p "$server" | tr -d ' ')" "$pid" "the server's parent (the command)"
    own_pids | grep -qx "$server" || fail "own_pids does not find the server $server ($(ps -o comm= -p "$server"))"
    kill -9 "$pid"
    wait "$pid" 2>/dev/null
    expect_server_gone "$port" 2 "after SIGKILL of the command"
}

subshell_sigkill() {  # subshell_sigkill bash|zsh [shell]: `awsume-shell [shell] --server admin`
    shell_setup "$1"
    trap 'tmux_stop; kill_test_processes; e2e_cleanup' EXIT
    local s=kill parent shell uri port server
    tmux_start $s "$AWSUME" ${2:+"$2"} --server admin
    tmux_wait $s '^\(admin [0-9hm]+\) userprompt> '
    read -r parent shell uri <<<"$(shell_out $s ids 'echo "$PPID $$ $AWS_CONTAINER_CREDENTIALS_FULL_URI"')"
    [[ $uri =~ $URI_RE ]] || fail "no server URI in the sub-shell: '$uri'"
    port=$(port_of "$uri")
    port_open "$port" || fail "port $port not open in the sub-shell"
    own_pids | grep -qx "$parent" || fail "the shell's parent $parent is not an awsume-shell of this test: $(ps -o comm=,args= -p "$parent")"
    server=$(binary_pids | grep -vx "$parent")
    expect_eq "$(wc -w <<<"$server")" 1 "server processes beside awsume-shell ($server)"
    own_pids | grep -qx "$server" || fail "own_pids does not find the server $server"
    kill -9 "$parent"
    expect_server_gone "$port" 2 "after SIGKILL of awsume-shell (pid $parent)"
    for _ in $(seq 1 30); do kill -0 "$shell" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$shell" 2>/dev/null && fail "the $1 sub-shell (pid $shell) still runs 3 s after SIGKILL of its awsume-shell"
    expect_eq "$(tmux_wait_exit $s 5)" 137 "status of the killed awsume-shell"
}
test_sigkill_of_the_bash_subshell_parent_leaves_no_server() { subshell_sigkill bash; }
test_sigkill_of_the_zsh_subshell_parent_leaves_no_server() { subshell_sigkill zsh shell; }

# --- 5: exit status --------------------------------------------------------------------
test_exit_status_passes_through() {
    server_setup
    trap 'kill_test_processes; e2e_cleanup' EXIT
    expect_status 7 "$AWSUME" exec --server admin -- sh -c 'exit 7'
    expect_status 0 "$AWSUME" exec --server admin -- true
    # A command killed by a signal looks as it does without --server.
    "$AWSUME" exec admin -- sh -c 'kill -TERM $$'
    local plain=$?
    "$AWSUME" exec --server admin -- sh -c 'kill -TERM $$'
    local served=$?
    expect_eq "$plain" 143 "SIGTERM'd command without --server"
    expect_eq "$served" "$plain" "SIGTERM'd command with --server"
    # SIGTERM from outside, to the pid that was awsume-shell's.
    "$AWSUME" exec --server admin -- sh -c 'echo x >"$0"; exec sleep 300' "$E2E_TMP/up" &
    local pid=$!
    wait_file "$E2E_TMP/up"
    kill -TERM "$pid"
    wait "$pid"
    expect_eq "$?" 143 "status of the command after SIGTERM from outside"
    # Not started: 127 as without --server.
    expect_status 127 "$AWSUME" exec admin -- /nonexistent/command
    local plain_err=$ERR
    expect_status 127 "$AWSUME" exec --server admin -- /nonexistent/command
    expect_eq "$ERR" "$plain_err" "the error of a command not found, with --server"
    expect_server_gone - 2 "after the commands"
}

# --- 6: bash and zsh sub-shells with --server (in parallel, each its own HOME) ----------
prepare_home() {  # prepare_home KIND TOTP_STEPS_AHEAD: $E2E_TMP/home-KIND, MFA session warm
    export HOME=$E2E_TMP/home-$1
    mkdir -p "$HOME/.aws" "$HOME/.awsume-shell" "$E2E_TMP/tmp-$1"
    standard_profiles; user_rc_files
    printf 'refresh_before_expiry = 30s\n' >"$HOME/.awsume-shell/config.ini"
    "$AWSUME" exec admin --mfa-code "$(totp $ALICE_SEED "$2")" -- true || fail "warm-up of $1"
}

server_subshell_scenario() {  # server_subshell_scenario bash|zsh (in its own HOME)
    local kind=$1 s=srv-$1 start key1 exp1 envtext pid counts st low now jumped= asked= t base
    base=$(assume_role_calls_of_home)  # the warm-up's
    start=$(date +%s)
    tmux_start $s "$AWSUME" --server admin -r
    tmux_wait $s '^\(admin (1m|[0-9]+s)\) userprompt> ' 20
    expect_eq "$(( $(assume_role_calls_of_home) - base ))" 1 "$kind: AssumeRole calls at start"

    # The environment: container variables, no static keys.
    envtext=$(shell_out $s env.$kind env) || fail "$kind: env in the sub-shell"
    check_server_env "$envtext"
    local creds1; creds1=$(shell_out $s creds1.$kind "$PY $SERVER_CLIENT fetch") || fail "$kind: fetch"
    key1=$(json_field "$creds1" AccessKeyId) || fail "$kind: fetch: $creds1"
    exp1=$(json_field "$creds1" Expiration)
    expect_eq "$(iso_to_epoch "$exp1")" "$(env_value "$envtext" AWSUME_SHELL_EXPIRES)" "$kind: AWSUME_SHELL_EXPIRES"

    # The prompt counts down the served credentials.
    for _ in $(seq 1 10); do
        [ "$(prompt_left $s)" -lt 60 ] 2>/dev/null && break
        sleep 1; tmux_send $s ''; sleep 0.3
    done
    local first second
    first=$(prompt_left $s); sleep 2; tmux_send $s ''; sleep 0.5; second=$(prompt_left $s)
    [ -n "$first" ] && [ -n "$second" ] && [ "$second" -lt "$first" ] ||
        fail "$kind: countdown did not decrease: '$first' then '$second'"
    [ "$second" -le $(( $(iso_to_epoch "$exp1") - $(date +%s) + 1 )) ] ||
        fail "$kind: prompt shows ${second}s, the served credentials have $(( $(iso_to_epoch "$exp1") - $(date +%s) ))s"

    # 0 processes per prompt.
    pid=$(shell_out $s pid.$kind 'echo $$') || fail "$kind: the shell's pid"
    counts=$(prompt_processes $s "$pid" 10)
    expect_eq "$counts" "1 1 1" "$kind: forks, execs, execs of /bin/true for 10 prompts and one /bin/true"

    # status: profile, expiry, time left, the ARN (with the server's credentials).
    st=$(shell_out $s status1.$kind "$AWSUME status")
    expect_contains "$st" "profile:   admin" "$kind: status"
    expect_contains "$st" "expires:   $exp1" "$kind: status"
    expect_contains "$st" "time left: " "$kind: status"
    expect_contains "$st" "arn:       arn:aws:sts::$ACCOUNT:assumed-role/admin/" "$kind: status"

    # The renewal: the prompt's time left goes back up, without a client asking the server
    # (one request after 50 s, for a server that renews only when asked).
    low=$(prompt_left $s)
    for ((t = 0; t < 60; t++)); do
        sleep 1; tmux_send $s ''; sleep 0.2
        now=$(prompt_left $s)
        if [ -n "$now" ] && [ -n "$low" ] && [ "$now" -gt $((low + 5)) ]; then jumped=$now; break; fi
        [ -n "$now" ] && low=$now
        if [ -z "$asked" ] && [ $(( $(date +%s) - start )) -ge 50 ]; then
            asked=$(( $(date +%s) - start ))
            shell_out $s ask.$kind "$PY $SERVER_CLIENT status" >/dev/null
        fi
    done
    [ -n "$jumped" ] || fail "$kind: the prompt's time left did not go back up within 60 s (last ${low}s)"
    echo "$kind: prompt went from ${low}s to ${jumped}s, $(( $(date +%s) - start )) s after the start${asked:+ (one client request at ${asked} s)}"
    local creds2 key2; creds2=$(shell_out $s creds2.$kind "$PY $SERVER_CLIENT fetch")
    key2=$(json_field "$creds2" AccessKeyId) || fail "$kind: fetch after the renewal: $creds2"
    [ "$key2" != "$key1" ] || fail "$kind: the server's key did not change: $key1"
    expect_eq "$(( $(assume_role_calls_of_home) - base ))" 2 "$kind: AssumeRole calls after one renewal"

    # The aws wrapper: past the first credentials' refresh point it still starts no
    # `awsume-shell refresh` (the AWS CLI asks the server itself).
    local trace=$E2E_TMP/aws-trace.$kind sp out
    strace -f -qq -e trace=execve -o "$trace" -p "$pid" &
    sp=$!
    sleep 0.8
    out=$(shell_out $s aws.$kind "aws --endpoint-url $STS_URL --region us-east-1 sts get-caller-identity --query Arn --output text")
    kill "$sp"; wait "$sp" 2>/dev/null
    expect_contains "$out" "arn:aws:sts::$ACCOUNT:assumed-role/admin/" "$kind: aws in the sub-shell"
    grep -q 'execve("/usr/bin/aws"' "$trace" || fail "$kind: the trace shows no execve of /usr/bin/aws: $(cat "$trace")"
    if grep 'execve(' "$trace" | grep -q 'awsume-shell"'; then
        fail "$kind: the aws wrapper started awsume-shell: $(grep 'awsume-shell"' "$trace")"
    fi
    expect_eq "$(( $(assume_role_calls_of_home) - base ))" 2 "$kind: AssumeRole calls after aws"

    # status after the renewal: the renewed credentials' expiry.
    st=$(shell_out $s status2.$kind "$AWSUME status")
    expect_contains "$st" "arn:       arn:aws:sts::$ACCOUNT:assumed-role/admin/" "$kind: status after the renewal"
    expect_contains "$st" "expires:   $(json_field "$creds2" Expiration)" "$kind: status after the renewal (renewed expiry)"

    tmux_send $s 'exit 4'
    expect_eq "$(tmux_wait_exit $s)" 4 "$kind: exit status"
    expect_server_gone "$(port_of "$(env_value "$envtext" AWS_CONTAINER_CREDENTIALS_FULL_URI)")" 2 "$kind: after exit"
    [ -z "$(ls -A "$TMPDIR")" ] || fail "$kind: rc folder left behind: $(ls -A "$TMPDIR")"
}

test_bash_and_zsh_subshells_with_server() {
    need tmux; need bash; need zsh; need strace
    skip_under_sanitizer "counts processes with strace"
    trap 'tmux_stop; kill_test_processes; e2e_cleanup' EXIT
    start_server "$(standard_world)"
    # Two warm-ups: two MFA codes of two different 30 s steps (a code is good once).
    ( prepare_home bash 0 ) || fail "prepare bash"
    ( prepare_home zsh 1 ) || fail "prepare zsh"
    ctl settings '{"credential_lifetime": 62}' >/dev/null
    # One tmux server for both (two sessions starting a server at once would race).
    tmux_cmd -f /dev/null new-session -d -s keep sleep 600 || fail "tmux"
    local kind pids=() rc=0 i=0
    for kind in bash zsh; do
        (
            export HOME=$E2E_TMP/home-$kind TMPDIR=$E2E_TMP/tmp-$kind SHELL=$(command -v $kind)
            export PATH=/usr/bin:/bin AWS_SESSION_COLORS=0 AWS_DEFAULT_REGION=us-east-1
            server_subshell_scenario $kind
        ) >"$E2E_TMP/$kind.log" 2>&1 &
        pids+=($!)
    done
    for kind in bash zsh; do
        wait "${pids[$i]}" || rc=1
        sed "s/^/[$kind] /" "$E2E_TMP/$kind.log"
        i=$((i + 1))
    done
    [ $rc = 0 ] || fail "a sub-shell scenario failed (above)"
}

# --- 7: the MFA session expires: 503 naming awsume-shell-refresh, then the refresh -------
test_expired_mfa_session_then_awsume_shell_refresh() {
    need tmux; need bash
    trap 'tmux_stop; kill_test_processes; e2e_cleanup' EXIT
    start_server "$(standard_world)"; standard_profiles; user_rc_files
    mkdir -p "$E2E_TMP/tmp" "$HOME/.awsume-shell"
    printf 'refresh_before_expiry = 30s\n' >"$HOME/.awsume-shell/config.ini"
    export SHELL=/bin/bash TMPDIR=$E2E_TMP/tmp PATH=/usr/bin:/bin AWS_SESSION_COLORS=0 AWS_DEFAULT_REGION=us-east-1
    # A 62 s MFA session; the role credentials of the start, fetched 8 s later, outlive it:
    # their renewal (about 41 s in) finds it stale and needs a new code.
    ctl settings '{"credential_lifetime": 62}' >/dev/null
    "$AWSUME" exec admin --mfa-code "$(totp $ALICE_SEED)" -- true || fail "warm-up"
    local mfa_expires=$(( $(date +%s) + 62 ))
    sleep 8
    ctl reset-calls >/dev/null
    local s=mfa start creds1 key1 exp1 out got= t st
    tmux_start $s "$AWSUME" --server admin -r
    tmux_wait $s '^\(admin (1m|[0-9]+s)\) userprompt> ' 20
    start=$(date +%s)
    expect_eq "$(calls AssumeRole)" 1 "AssumeRole calls at start"
    expect_eq "$(calls GetSessionToken)" 0 "GetSessionToken calls at start"
    creds1=$(shell_out $s creds1 "$PY $SERVER_CLIENT fetch")
    key1=$(json_field "$creds1" AccessKeyId) || fail "fetch: $creds1"
    exp1=$(iso_to_epoch "$(json_field "$creds1" Expiration)")

    # After the MFA session has expired and before the credentials do: still served.
    while [ "$(date +%s)" -lt $(( mfa_expires + 2 )) ]; do sleep 1; done
    [ "$(date +%s)" -lt $(( exp1 - 2 )) ] || fail "test timing: the credentials are about to expire already"
    st=$(shell_out $s status1 "$PY $SERVER_CLIENT status")
    expect_contains "$st" "200 " "the server after the MFA session expired, before the credentials do"
    expect_contains "$st" "$key1" "the key served while the MFA session is gone"
    out=$(shell_out $s aws1 "aws --endpoint-url $STS_URL --region us-east-1 sts get-caller-identity --query Arn --output text")
    expect_contains "$out" "arn:aws:sts::$ACCOUNT:assumed-role/admin/" "aws before the credentials expire"

    # Once they have expired: 503, JSON, naming awsume-shell-refresh; the AWS CLI says so.
    while [ "$(date +%s)" -le $(( exp1 + 1 )) ]; do sleep 0.5; done
    for ((t = 0; t < 5; t++)); do
        out=$(shell_out $s aws2 "aws --endpoint-url $STS_URL --region us-east-1 sts get-caller-identity --query Arn --output text; echo RC=\$?" 40)
        case $out in *awsume-shell-refresh*) got=1; break ;; esac
        sleep 2
    done
    [ -n "$got" ] || fail "the AWS CLI did not name awsume-shell-refresh after the credentials expired: $out"
    echo "aws once the credentials expired: $out"
    expect_not_contains "$out" "RC=0" "aws status with expired credentials"
    # Every answer from then on, not only the first: 20 requests over 5 s.
    st=$(shell_out $s status2 "$PY $SERVER_CLIENT tally --count 20 --interval 0.25 2>$E2E_TMP/tally.timeline")
    echo "answers in order: $(cat "$E2E_TMP/tally.timeline")"
    echo "server once the credentials expired (count status code named-refresh): $st"
    echo "STS calls so far: $(ctl calls)"
    [[ $st =~ ^20\ 503\ [A-Za-z]+\ refresh$ ]] ||
        fail "not every answer once the credentials expired is a 503 JSON error naming awsume-shell-refresh: $(tr '\n' ';' <<<"$st")"
    expect_eq "$(calls GetSessionToken)" 0 "GetSessionToken calls before the refresh (no code asked)"

    # awsume-shell-refresh asks for the code on the terminal and hands the new session over.
    local asked_before; asked_before=$(tmux_capture $s | grep -c 'MFA code')
    tmux_send $s 'awsume-shell-refresh; echo "REFRESH=$?"'
    for ((t = 0; t < 200; t++)); do
        [ "$(tmux_capture $s | grep -c 'MFA code')" -gt "$asked_before" ] && break
        sleep 0.1
    done
    [ "$(tmux_capture $s | grep -c 'MFA code')" -gt "$asked_before" ] ||
        { tmux_capture $s >&2; fail "awsume-shell-refresh did not ask for an MFA code"; }
    tmux_send $s "$(totp $ALICE_SEED)"
    tmux_wait $s '^REFRESH=[0-9]+' 30
    expect_contains "$(tmux_capture $s | grep '^REFRESH=' | tail -n 1)" "REFRESH=0" "awsume-shell-refresh status"
    expect_eq "$(calls GetSessionToken)" 1 "GetSessionToken calls after the refresh"
    out=$(shell_out $s aws3 "aws --endpoint-url $STS_URL --region us-east-1 sts get-caller-identity --query Arn --output text")
    expect_contains "$out" "arn:aws:sts::$ACCOUNT:assumed-role/admin/" "aws after awsume-shell-refresh"
    st=$(shell_out $s status3 "$PY $SERVER_CLIENT status")
    expect_contains "$st" "200 " "the server after the refresh"
    expect_not_contains "$st" "$key1" "the server after the refresh (a new key)"
    tmux_send $s ''
    sleep 0.5
    local left; left=$(prompt_left $s)
    [ -n "$left" ] && [ "$left" -ge 40 ] || fail "the prompt after the refresh shows ${left:-nothing} s left: $(tmux_capture $s | tail -n 3)"
    tmux_send $s 'exit'
    expect_eq "$(tmux_wait_exit $s)" 0 "exit status"
}

# --- 8: the setting, --no-server, and what --server refuses ----------------------------
test_credential_server_setting_and_no_server() {
    server_setup
    trap 'kill_test_processes; e2e_cleanup' EXIT
    printf 'refresh_before_expiry = 30s\ncredential_server = on\n' >"$HOME/.awsume-shell/config.ini"
    expect_status 0 "$AWSUME" exec admin -- env
    check_server_env "$OUT"
    expect_status 0 "$AWSUME" exec admin -- "$AWS_CLI" --endpoint-url "$STS_URL" \
        --region us-east-1 sts get-caller-identity --query Arn --output text
    expect_contains "$OUT" "arn:aws:sts::$ACCOUNT:assumed-role/admin/"
    expect_status 0 "$AWSUME" exec --no-server admin -- env
    grep -q '^AWS_ACCESS_KEY_ID=ASIA' <<<"$OUT" || fail "--no-server: no AWS_ACCESS_KEY_ID"
    grep -q '^AWS_SESSION_TOKEN=' <<<"$OUT" || fail "--no-server: no AWS_SESSION_TOKEN"
    grep -q '^AWS_CONTAINER_' <<<"$OUT" && fail "--no-server: container variables: $(grep '^AWS_CONTAINER_' <<<"$OUT")"
    # The setting off again: static variables, no server.
    printf 'refresh_before_expiry = 30s\n' >"$HOME/.awsume-shell/config.ini"
    expect_status 0 "$AWSUME" exec admin -- env
    grep -q '^AWS_CONTAINER_' <<<"$OUT" && fail "without the setting: container variables"
    grep -q '^AWS_ACCESS_KEY_ID=ASIA' <<<"$OUT" || fail "without the setting: no AWS_ACCESS_KEY_ID"
}

test_server_refuses_output_profiles_and_long_term_keys() {
    server_setup
    trap 'kill_test_processes; e2e_cleanup' EXIT
    ctl reset-calls >/dev/null
    expect_status 2 "$AWSUME" exec --server admin -o out -- true
    expect_status 2 "$AWSUME" exec --server admin -o out -a -- true
    expect_status 2 "$AWSUME" exec --server -a admin -- true
    expect_status 2 env SHELL=/bin/bash "$AWSUME" --server admin -o out </dev/null
    expect_status 2 env SHELL=/bin/bash "$AWSUME" shell --server admin -o out -a </dev/null
    [ ! -e "$HOME/.aws/credentials" ] || ! grep -q '^\[out\]' "$HOME/.aws/credentials" ||
        fail "an output profile was written"
    # Long-term keys: nothing to serve that a server would renew.
    expect_status 2 "$AWSUME" exec --server bob -- true
    one_line_error
    expect_contains "$ERR" "--server"
    expect_status 2 env SHELL=/bin/bash "$AWSUME" --server bob </dev/null
    one_line_error
    expect_contains "$ERR" "--server"
    expect_eq "$(total_calls)" 0 "STS calls of refused runs"
    expect_eq "$( { own_pids; binary_pids; } | wc -l)" 0 "processes left"
}
