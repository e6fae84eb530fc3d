#!/usr/bin/env bash
# Whether a cache hit grows with the AWS files: `awsume-shell exec user0 -- true` (static
# keys: nothing to fetch, no AWS module) with 10 and with 10 000 profiles in each file, and
# `env true`, all measured in the same run (hyperfine -N). Target: 10 000 within 1.3x of 10.
#   bench/exec_many_profiles.sh [BUILD_DIR] [N]     (N: the large count, default 10000)
#   USERS=U: U sections in the credentials file instead of N (the config file keeps N)
# The files are generated into a temporary HOME as SSO/role populate tools write them:
# config has [default] and N-1 `[profile roleK]` (role_arn, source_profile, mfa_serial,
# region); credentials has `[userK]` with keys (N of them, or USERS), user0 first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
n=${2:-10000}
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)"; exit 1; }
tmp=$(mktemp -d /tmp/awsume-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

generate() {  # HOME COUNT USERS
    mkdir -p "$1/.aws" "$1/.awsume-shell"
    chmod 700 "$1/.awsume-shell"
    python3 - "$1/.aws" "$2" "$3" <<'PY'
import sys
d, n, users = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(f"{d}/config", "w") as f:
    f.write("[default]\nregion = eu-west-1\noutput = json\n\n")
    for k in range(1, n):
        f.write(f"[profile role{k}]\nrole_arn = arn:aws:iam::{100000000000 + k}:role/Admin\n"
                f"source_profile = user{k % 50}\nmfa_serial = arn:aws:iam::123456789012:mfa/user{k % 50}\n"
                f"region = eu-west-1\n\n")
with open(f"{d}/credentials", "w") as f:
    for k in range(users):
        f.write(f"[user{k}]\naws_access_key_id = AKIA{k:016d}\n"
                f"aws_secret_access_key = {'s' * 30}{k:010d}\n\n")
PY
    chmod 600 "$1/.aws/credentials"
}
generate "$tmp/small" 10 10
generate "$tmp/large" "$n" "${USERS:-$n}"
# A file changed in the last 2 s is not snapshotted (docs/architecture-config.md): wait, so
# that the first run below writes the snapshots the measured runs use.
sleep 2.1
for h in small large; do  # a broken run would measure an error path; the first writes snapshots
    HOME=$tmp/$h "$build/awsume-shell" exec user0 -- true
done
hyperfine -N --warmup 20 --runs "${RUNS:-300}" --export-json "$tmp/h.json" \
    'env true' \
    "env HOME=$tmp/small $build/awsume-shell exec user0 -- true" \
    "env HOME=$tmp/large $build/awsume-shell exec user0 -- true" >/dev/null 2>&1
python3 - "$tmp/h.json" "$n" "$(du -k "$tmp/large/.aws" | cut -f1)" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
names = ["env true (baseline)", "exec user0, 10 profiles", f"exec user0, {sys.argv[2]} profiles ({sys.argv[3]} KiB of files)"]
for name, x in zip(names, r):
    print(f"{name:44s} {x['mean']*1000:7.3f} ms ± {x['stddev']*1000:.3f}   ratio {x['mean']/r[0]['mean']:5.2f}")
print(f"{'large / small':44s} {r[2]['mean']/r[1]['mean']:7.2f}x   (target <= 1.3)")
PY
