#!/usr/bin/env bash
# The credentials server of `exec --server` (issue 11), against the local STS server:
#   (a) time per GET /awsume-shell/credentials while the credentials are fresh: N sequential
#       requests from one python process (tests/e2e/server_client.py bench), a new TCP
#       connection each, as every AWS CLI process makes one; baseline in the same run: the
#       same client against python's own http.server answering the same JSON for the same
#       token (the smallest server a user would write instead), so the ratio is the server's
#       cost against a trivial one, the client's share (python, connect) being in both;
#   (b) AssumeRole calls per renewal while 8 clients ask back to back across 2-3 renewals
#       (62 s credentials, refresh_before_expiry = 30s): goal 1 per renewal; also the
#       requests answered, the errors, and the latency (median, p99, max) during renewals.
#   bench/server_requests.sh [BUILD_DIR] [N] [SECONDS]   (defaults: build, 2000, 110)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export AWSUME_E2E_BUILD=$(cd "${1:-$root/build}" && pwd) AWSUME_E2E_DIR=$root/tests/e2e
n=${2:-2000}
seconds=${3:-110}
client=$root/tests/e2e/server_client.py
source "$root/tests/e2e/lib.sh"
set +u
e2e_begin bench server >/dev/null
baseline_pid=
trap '[ -n "$baseline_pid" ] && kill "$baseline_pid" 2>/dev/null; e2e_cleanup' EXIT
start_server "$(standard_world)"
standard_profiles
mkdir -p "$HOME/.awsume-shell"
printf 'refresh_before_expiry = 30s\n' >"$HOME/.awsume-shell/config.ini"
"$AWSUME" --help 2>&1 | grep -q -- --server || "$AWSUME" exec --help 2>&1 | grep -q -- --server ||
    { echo "this build has no --server"; exit 1; }
# The role's credentials come from the MFA session, as in daily use.
"$AWSUME" exec admin --mfa-code "$(totp "$ALICE_SEED")" -- true

# (a) fresh credentials: awsume-shell's server, then the baseline, then the server again
# (the two runs of the server bracket the baseline: load that changes shows as a spread).
token=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
python3 "$client" baseline-server --port-file "$E2E_TMP/baseline.port" --token "$token" &
baseline_pid=$!
for _ in $(seq 1 100); do [ -s "$E2E_TMP/baseline.port" ] && break; sleep 0.05; done
baseline_url=http://127.0.0.1:$(cat "$E2E_TMP/baseline.port")/awsume-shell/credentials
calls_before=$(calls AssumeRole)
"$AWSUME" exec --server admin -- python3 "$client" bench --requests "$n" >"$E2E_TMP/a1.json"
python3 "$client" bench --requests "$n" --url "$baseline_url" --token "$token" >"$E2E_TMP/base.json"
"$AWSUME" exec --server admin -- python3 "$client" bench --requests "$n" >"$E2E_TMP/a2.json"
kill "$baseline_pid"; wait "$baseline_pid" 2>/dev/null || true; baseline_pid=
[ "$(calls AssumeRole)" = "$calls_before" ] || echo "WARNING: the fresh runs called AssumeRole"
python3 - "$E2E_TMP/base.json" "$E2E_TMP/a1.json" "$E2E_TMP/a2.json" "$n" <<'PY'
import json, sys
base, a1, a2 = (json.load(open(f)) for f in sys.argv[1:4])
print(f"(a) GET of fresh credentials, {sys.argv[4]} sequential requests, a new connection each (python client)")
print(f"    {'':34s} {'mean':>9s} {'median':>9s} {'p99':>9s}   ratio (median)")
for name, r in (("python http.server (baseline)", base), ("awsume-shell server, run 1", a1),
                ("awsume-shell server, run 2", a2)):
    bad = f"  ({r['non_200']} not 200)" if r["non_200"] else ""
    print(f"    {name:34s} {r['mean_us']:7.0f}us {r['median_us']:7.0f}us {r['p99_us']:7.0f}us   "
          f"{r['median_us'] / base['median_us']:5.2f}{bad}")
PY

# (b) renewals under load.
ctl settings '{"credential_lifetime": 62}' >/dev/null
ctl reset-calls >/dev/null
"$AWSUME" exec --server admin -r -- python3 "$client" hammer --clients 8 --seconds "$seconds" >"$E2E_TMP/b.json"
assume_role=$(calls AssumeRole)
python3 - "$E2E_TMP/b.json" "$assume_role" "$seconds" "$(calls GetSessionToken)" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
calls, seconds, sessions = int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
keys = len(d["keys"])
renewals = keys - 1
print(f"(b) 8 clients asking back to back for {seconds:.0f} s, 62 s credentials, refresh_before_expiry = 30s")
print(f"    requests answered: {d['requests']} ({d['requests'] / seconds:.0f}/s), errors: {d['errors']}"
      + (f" {d['first_errors']}" if d["errors"] else ""))
print(f"    latency: median {d['latency_ms']['median']:.2f} ms, p99 {d['latency_ms']['p99']:.2f} ms, "
      f"max {d['latency_ms']['max']:.1f} ms")
print(f"    distinct keys served: {keys} (renewals: {renewals}); AssumeRole calls: {calls} "
      f"(1 at the start + {calls - 1}); GetSessionToken calls: {sessions}")
if renewals > 0:
    print(f"    AssumeRole calls per renewal: {(calls - 1) / renewals:.2f}")
else:
    print("    no renewal happened: run longer")
PY
