#!/usr/bin/env bash
# Cost of `awsume-shell exec PROFILE -- true` on a cache hit, against `env true` measured
# in the same run (hyperfine -N: no shell in between). Target: ratio <= 1.5.
#   bench/exec_cache_hit.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export AWSUME_E2E_BUILD=$(cd "${1:-$root/build}" && pwd) AWSUME_E2E_DIR=$root/tests/e2e
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)"; exit 1; }
source "$root/tests/e2e/lib.sh"
set +u
e2e_begin bench exec >/dev/null
start_server "$(standard_world)"
standard_profiles
# Warm the caches: the role's credentials come from the MFA session, as in daily use.
"$AWSUME" exec admin --mfa-code "$(totp "$ALICE_SEED")" -- true
calls_before=$(ctl calls)
hyperfine -N --warmup 20 --runs "${RUNS:-300}" --export-json "$E2E_TMP/h.json" \
    'env true' "$AWSUME exec bob -- true" "$AWSUME exec admin -- true" >/dev/null 2>&1
python3 - "$E2E_TMP/h.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
base = r[0]["mean"]
names = ["env true (baseline)", "exec static profile", "exec role profile (cache hit)"]
for name, x in zip(names, r):
    print(f"{name:32s} {x['mean']*1000:7.3f} ms ± {x['stddev']*1000:.3f}   ratio {x['mean']/base:5.2f}")
PY
[ "$(ctl calls)" = "$calls_before" ] || echo "WARNING: the measured runs called STS"
