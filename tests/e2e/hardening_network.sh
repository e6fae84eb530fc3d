# Issue 8 (network): proxies, the per-command deadline, answer bounds, a fast clock, regions.

# --- a recording "proxy": CONNECT is tunnelled to the local server, anything else is 502 ---
start_proxy() {
    cat >"$E2E_TMP/proxy.py" <<'PY'
import socket, sys, threading
target_port, port_file, log_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
lock = threading.Lock()

def pipe(a, b):
    try:
        while True:
            data = a.recv(65536)
            if not data:
                break
            b.sendall(data)
    except OSError:
        pass
    finally:
        for s in (a, b):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

def serve(client):
    head = b""
    while b"\r\n\r\n" not in head:
        data = client.recv(4096)
        if not data:
            return client.close()
        head += data
    line = head.split(b"\r\n", 1)[0].decode("latin-1")
    with lock, open(log_file, "a") as log:
        log.write(line + "\n")
    if line.startswith("CONNECT "):
        upstream = socket.create_connection(("127.0.0.1", target_port))
        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        threading.Thread(target=pipe, args=(upstream, client), daemon=True).start()
        pipe(client, upstream)
    else:
        client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        client.close()

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(16)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.getsockname()[1]))
import os
os.replace(port_file + ".tmp", port_file)
while True:
    conn, _ = server.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
PY
    : >"$E2E_TMP/proxy.log"
    python3 "$E2E_TMP/proxy.py" "$STS_PORT" "$E2E_TMP/proxy.port" "$E2E_TMP/proxy.log" &
    PROXY_PID=$!
    for _ in $(seq 1 100); do
        [ -s "$E2E_TMP/proxy.port" ] && break
        sleep 0.05
    done
    [ -s "$E2E_TMP/proxy.port" ] || fail "proxy did not start"
    PROXY_URL=http://127.0.0.1:$(cat "$E2E_TMP/proxy.port")
}
stop_proxy() { kill "$PROXY_PID" 2>/dev/null; wait "$PROXY_PID" 2>/dev/null; }


# --- item 6: proxies ----------------------------------------------------------------------
test_loopback_endpoint_never_uses_a_proxy() {
    start_server "$(standard_world)"; standard_profiles; start_proxy
    export http_proxy=$PROXY_URL HTTPS_PROXY=$PROXY_URL https_proxy=$PROXY_URL \
           ALL_PROXY=$PROXY_URL all_proxy=$PROXY_URL
    expect_status 0 "$AWSUME" exec partner -- true
    export AWS_ENDPOINT_URL_STS=http://localhost:$STS_PORT AWS_ENDPOINT_URL_IAM=http://localhost:$STS_PORT
    expect_status 0 "$AWSUME" exec partner -r -- true
    stop_proxy
    expect_eq "$(cat "$E2E_TMP/proxy.log")" "" "requests the proxy saw"
}

test_https_endpoint_uses_https_proxy_unless_no_proxy() {
    need openssl
    local name=sts.proxy-test.invalid
    openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=$name \
        -addext subjectAltName=DNS:$name -keyout "$E2E_TMP/key.pem" -out "$E2E_TMP/cert.pem" 2>/dev/null \
        || fail "openssl could not make a certificate"
    start_server "$(standard_world)" --tls-cert "$E2E_TMP/cert.pem" --tls-key "$E2E_TMP/key.pem"
    standard_profiles; start_proxy
    # The name resolves nowhere: only the proxy (which tunnels to the local server) reaches it.
    export AWS_ENDPOINT_URL_STS=https://$name:$STS_PORT AWS_ENDPOINT_URL_IAM=https://$name:$STS_PORT \
           AWS_CA_BUNDLE=$E2E_TMP/cert.pem
    # (ListMFADevices and AssumeRole share one tunnel: the connection is reused.)
    expect_status 0 env HTTPS_PROXY="$PROXY_URL" "$AWSUME" exec partner -- true
    expect_eq "$(grep -c "^CONNECT $name:$STS_PORT " "$E2E_TMP/proxy.log")" 1 "CONNECTs with HTTPS_PROXY"
    : >"$E2E_TMP/proxy.log"
    expect_status 0 env all_proxy="$PROXY_URL" "$AWSUME" exec partner -r -- true
    expect_eq "$(grep -c "^CONNECT $name:$STS_PORT " "$E2E_TMP/proxy.log")" 1 "CONNECTs with all_proxy"
    : >"$E2E_TMP/proxy.log"
    for bypass in proxy-test.invalid .proxy-test.invalid "$name" '*' "other.example,$name:$STS_PORT"; do
        expect_status 1 env HTTPS_PROXY="$PROXY_URL" NO_PROXY="$bypass" "$AWSUME" exec partner -r -- true
        expect_contains "$ERR" "cannot reach $name"
    done
    expect_status 1 env https_proxy="$PROXY_URL" no_proxy="$name" "$AWSUME" exec partner -r -- true
    stop_proxy
    expect_eq "$(cat "$E2E_TMP/proxy.log")" "" "requests the proxy saw despite NO_PROXY"
}

# --- item 9: regions ------------------------------------------------------------------------
test_region_is_validated_before_use() {
    start_server "$(standard_world)"; standard_profiles
    expect_status 2 "$AWSUME" exec partner --region 'x@evil.example/' -- true
    expect_contains "$ERR" "--region"; one_line_error
    expect_status 2 env AWS_REGION='eu-west-1.evil.example' "$AWSUME" exec partner -- true
    expect_contains "$ERR" "AWS_REGION"; one_line_error
    expect_status 2 env AWS_DEFAULT_REGION='-eu' "$AWSUME" export bob
    expect_contains "$ERR" "AWS_DEFAULT_REGION"
    printf '[profile evil]\nrole_arn = arn:aws:iam::%s:role/partner\nsource_profile = bob\nexternal_id = ext-123\nregion = us-east-1:443\n' \
        "$ACCOUNT" >>"$HOME/.aws/config"
    line=$(grep -n '^region = us-east-1:443' "$HOME/.aws/config" | cut -d: -f1)
    expect_status 2 "$AWSUME" exec evil -- true
    expect_contains "$ERR" "$HOME/.aws/config:$line"
    expect_eq "$(total_calls)" 0 "calls made with a bad region"
    # Without a custom endpoint the region would have been pasted into the STS host.
    unset AWS_ENDPOINT_URL_STS AWS_ENDPOINT_URL_IAM
    expect_status 2 "$AWSUME" exec partner --region 'x@evil.example/' -- true
    expect_status 2 "$AWSUME" provision-mfa --profile bob --region 'x@evil.example/'
    expect_contains "$ERR" "--region"
    # Real regions still work.
    export AWS_ENDPOINT_URL_STS=$STS_URL AWS_ENDPOINT_URL_IAM=$STS_URL
    expect_status 0 "$AWSUME" exec partner --region ap-southeast-2 -- true
}

# --- item 15: answer bounds -----------------------------------------------------------------
test_deeply_nested_answer_is_an_error_not_a_crash() {
    start_server "$(standard_world)"; standard_profiles
    ctl fault '{"action": "AssumeRole", "kind": "deep", "count": 5}' >/dev/null
    expect_status 1 "$AWSUME" exec partner -- true
    expect_contains "$ERR" "nested deeper than"; one_line_error
    expect_faults_fired 1 "deeply nested answers (not retried)"
}

test_oversized_answer_is_aborted() {
    start_server "$(standard_world)"; standard_profiles
    ctl fault '{"action": "AssumeRole", "kind": "huge", "count": 5, "bytes": 67108864}' >/dev/null
    expect_status 1 "$AWSUME" exec partner -- true
    expect_contains "$ERR" "larger than 4 MiB"; one_line_error
    expect_eq "$(calls faults_injected)" 1 "attempts (an oversized answer is not retried)"
}

# --- item 16: one deadline per command, waits shown, a timeout is never a "no" --------------
test_hung_endpoint_fails_within_network_timeout() {
    start_server "$(standard_world)"; standard_profiles
    mkdir -p "$HOME/.awsume-shell"; printf 'network_timeout = 3s\n' >"$HOME/.awsume-shell/config.ini"
    ctl fault '{"action": "AssumeRole", "kind": "hang", "count": 5, "seconds": 30}' >/dev/null
    start=$(date +%s)
    expect_status 1 "$AWSUME" exec partner -- true
    elapsed=$(( $(date +%s) - start ))
    [ "$elapsed" -le 6 ] || fail "took ${elapsed}s with network_timeout = 3s: $ERR"
    expect_contains "$ERR" "AssumeRole"
    expect_contains "$ERR" "network_timeout"; one_line_error
    expect_faults_fired 1 "hung AssumeRole requests"
}

test_list_mfa_devices_timeout_is_an_error() {
    start_server "$(standard_world)"; standard_profiles
    mkdir -p "$HOME/.awsume-shell"; printf 'network_timeout = 2s\n' >"$HOME/.awsume-shell/config.ini"
    ctl fault '{"action": "ListMFADevices", "kind": "hang", "count": 5, "seconds": 30}' >/dev/null
    expect_status 1 "$AWSUME" exec partner -- true
    expect_contains "$ERR" "ListMFADevices"; one_line_error
    expect_faults_fired 1 "hung ListMFADevices requests"
    expect_eq "$(calls AssumeRole)" 0 "AssumeRole calls after ListMFADevices timed out"
}

# `exec partner` in tmux pane w by SCRIPT (sh -c SCRIPT sh AWSUME), AssumeRole hanging for
# SECONDS, until the waiting line is on the screen.
partner_waiting_in_tmux() {  # partner_waiting_in_tmux SECONDS SCRIPT
    need tmux
    source "$AWSUME_E2E_DIR/tmux_driver.sh"
    start_server "$(standard_world)"; standard_profiles
    ctl fault "{\"action\": \"AssumeRole\", \"kind\": \"hang\", \"seconds\": $1}" >/dev/null
    tmux_start w sh -c "$2" sh "$AWSUME"
    tmux_wait w "awsume-shell: waiting for 127\.0\.0\.1:$STS_PORT \(AssumeRole arn:aws:iam::$ACCOUNT:role/partner, attempt 1/3\)\.\.\." 10
    expect_faults_fired 1 "hung AssumeRole requests"
}

test_waiting_line_on_a_terminal_is_erased_after() {
    # The pane stays open (read) so that the screen after the answer can be looked at.
    partner_waiting_in_tmux 3 '"$1" exec partner -- true; echo "finished $?"; read x'
    tmux_wait w "finished 0" 15
    screen=$(tmux_capture w)
    tmux_send w ""
    tmux_stop
        expect_not_contains "$screen" "waiting for" "screen after the answer"
}

# --- item 21: a fast clock ----------------------------------------------------------------
test_fast_clock_is_corrected_from_the_date_header() {
    start_server "$(standard_world)"; standard_profiles
    ctl settings '{"clock_offset": -1800}' >/dev/null   # the server's clock is 30 min behind
    expect_status 0 "$AWSUME" exec partner -- true
    expect_eq "$(calls ListMFADevices)" 2 "ListMFADevices requests (not yet current, then corrected)"
    expect_eq "$(calls AssumeRole)" 1 "AssumeRole requests (signed with the corrected clock)"
}

# --- review: a malformed proxy URL must not print its password -----------------------------
test_bad_proxy_url_does_not_show_its_password() {
    start_server "$(standard_world)"; standard_profiles
    export AWS_ENDPOINT_URL_STS=https://sts.proxy-test.invalid:$STS_PORT \
           AWS_ENDPOINT_URL_IAM=https://sts.proxy-test.invalid:$STS_PORT
    # libcurl refuses the first (exit 1, a network error); we refuse the second (a setting: 2).
    for case in "1 http://user:s3cr3t@proxy.example:99999" $'2 http://user:s3cr3t@proxy.example:8080/\e[31m'; do
        expect_status "${case%% *}" env HTTPS_PROXY="${case#* }" "$AWSUME" exec partner -- true
        expect_not_contains "$ERR" "s3cr3t" "error for a malformed proxy"
        expect_not_contains "$ERR" $'\e' "error for a malformed proxy"
        one_line_error
    done
}

# --- review: the deadline bounds name resolution too (libcurl's threaded resolver) ----------
test_hung_name_resolution_fails_within_network_timeout() {
    need cc
    cat >"$E2E_TMP/slow_dns.c" <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netdb.h>
#include <string.h>
#include <unistd.h>
int getaddrinfo(const char* node, const char* service, const struct addrinfo* hints,
                struct addrinfo** res) {
    if (node != NULL && strstr(node, ".slow-dns.invalid") != NULL) {
        sleep(12);  /* a resolver that does not answer */
        return EAI_AGAIN;
    }
    int (*real)(const char*, const char*, const struct addrinfo*, struct addrinfo**) =
        (int (*)(const char*, const char*, const struct addrinfo*, struct addrinfo**))dlsym(RTLD_NEXT, "getaddrinfo");
    return real(node, service, hints, res);
}
C
    cc -shared -fPIC -o "$E2E_TMP/slow_dns.so" "$E2E_TMP/slow_dns.c" -ldl || fail "cannot build the resolver shim"
    start_server "$(standard_world)"; standard_profiles
    mkdir -p "$HOME/.awsume-shell"; printf 'network_timeout = 2s\n' >"$HOME/.awsume-shell/config.ini"
    export AWS_ENDPOINT_URL_STS=https://sts.slow-dns.invalid:$STS_PORT \
           AWS_ENDPOINT_URL_IAM=https://sts.slow-dns.invalid:$STS_PORT
    start=$(date +%s)
    # (An ASan build wants its runtime first; the shim only wraps getaddrinfo.)
    expect_status 1 env LD_PRELOAD="$E2E_TMP/slow_dns.so" \
        ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" "$AWSUME" exec partner -- true
    elapsed=$(( $(date +%s) - start ))
    [ "$elapsed" -le 6 ] || fail "took ${elapsed}s with network_timeout = 2s and a resolver that hangs: $ERR"
    one_line_error
}

# --- review: a deadline spent by a hanging call still leaves time to undo what was done ------
test_provision_mfa_deletes_the_device_after_the_deadline_is_spent() {
    need tmux
    source "$AWSUME_E2E_DIR/tmux_driver.sh"
    local key=AKIACAROLEXAMPLE0003 secret='carol/Secret+Key/EXAMPLE0000000000000003'
    start_server "{\"accounts\": {\"$ACCOUNT\": {\"users\": {\"carol\": {\"access_keys\": [{\"id\": \"$key\", \"secret\": \"$secret\"}], \"mfa_devices\": []}}}}}"
    printf '[carol]\naws_access_key_id = %s\naws_secret_access_key = %s\n' "$key" "$secret" >"$HOME/.aws/credentials"
    printf '[profile carol]\nregion = eu-west-1\n' >"$HOME/.aws/config"
    mkdir -p "$HOME/.awsume-shell"; printf 'network_timeout = 2s\n' >"$HOME/.awsume-shell/config.ini"
    ctl fault '{"action": "EnableMFADevice", "kind": "hang", "count": 5, "seconds": 20}' >/dev/null
    # The pane stays open (sleep) so that the screen after the end can be looked at.
    tmux_start w sh -c '"$1" provision-mfa --profile carol --no-save; echo "finished $?"; sleep 60' sh "$AWSUME"
    tmux_wait w "First code:" 10
    tmux_send w 123456
    tmux_wait w "Next code" 10
    tmux_send w 654321
    tmux_wait w "finished [0-9]" 15
    screen=$(tmux_capture w)
    tmux_stop
    expect_contains "$screen" "finished 1"
    expect_contains "$screen" "deleted the new MFA device"
    expect_faults_fired 1 "hung EnableMFADevice requests"
    left=$(ctl mfa-devices | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
    expect_eq "$left" 0 "devices left on the server ($screen)"
}

# --- review: Ctrl-C during a wait erases the waiting line too -------------------------------
test_waiting_line_is_erased_on_ctrl_c() {
    # The shell ignores Ctrl-C (so that it survives to say how the binary ended).
    partner_waiting_in_tmux 20 'trap "" INT; (trap - INT; exec "$1" exec partner -- true); echo "finished $?"; sleep 60'
    tmux_cmd send-keys -t w C-c
    tmux_wait w "finished [0-9]" 10
    screen=$(tmux_capture w)
    tmux_stop
    expect_contains "$screen" "finished 130"
    expect_not_contains "$screen" "waiting for" "screen after Ctrl-C"
}

# --- review: the waiting line shows no terminal control, C1 ones (UTF-8 U+009B = CSI) too ---
test_waiting_line_shows_no_c1_control_characters() {
    start_server "$(standard_world)"; standard_profiles
    printf '[profile odd]\nrole_arn = arn:aws:iam::%s:role/partner\xc2\x9b2J\nsource_profile = bob\n' \
        "$ACCOUNT" >>"$HOME/.aws/config"
    ctl fault '{"action": "AssumeRole", "kind": "hang", "count": 1, "seconds": 2}' >/dev/null
    # A pseudo-terminal that keeps every byte the binary wrote (tmux would interpret them).
    python3 - "$AWSUME" "$E2E_TMP/tty.out" <<'PY'
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], "exec", "odd", "--", "true"])
out = b""
while True:
    try:
        data = os.read(fd, 65536)
    except OSError:
        break
    if not data:
        break
    out += data
os.waitpid(pid, 0)
open(sys.argv[2], "wb").write(out)
PY
    # The waiting line only: up to the "\r" that erases it (the error after it is the log's).
    line=$(python3 -c 'import sys; d=open(sys.argv[1],"rb").read(); i=d.find(b"waiting for"); print(-1 if i<0 else int(b"\xc2\x9b" in d[i:d.find(b"\r", i)]))' "$E2E_TMP/tty.out")
    [ "$line" != -1 ] || fail "no waiting line: $(cat -v "$E2E_TMP/tty.out")"
    [ "$line" = 0 ] || fail "a C1 control reached the terminal raw: $(cat -v "$E2E_TMP/tty.out")"
    expect_faults_fired 1 "hung AssumeRole requests"
}
