#!/usr/bin/env bash
# Demo against the local test STS/IAM server (real AWS is not needed): alice, an IAM user
# with an MFA device, assumes admin and then deep (a role chain); the second run is a
# cache hit that makes no call at all.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export AWSUME_E2E_BUILD=${BUILD_DIR:-$root/build} AWSUME_E2E_DIR=$root/tests/e2e
source "$root/tests/e2e/lib.sh"
set +u
e2e_begin demo main >/dev/null
start_server "$(standard_world)"
standard_profiles
say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

say "awsume-shell list"
"$AWSUME" list
code=$(totp "$ALICE_SEED")
say "awsume-shell exec deep --mfa-code $code -- aws sts get-caller-identity"
"$AWSUME" exec deep --mfa-code "$code" -- \
    "$AWS_CLI" --endpoint-url "$STS_URL" --region us-east-1 sts get-caller-identity --output table
say "awsume-shell exec deep -- env   (cache hit: no MFA code, no STS call)"
"$AWSUME" exec deep -- env | grep -E '^(AWSUME_PROFILE|AWS_CREDENTIAL_EXPIRATION|AWS_ACCESS_KEY_ID)=' | sort
echo "STS calls so far: $(ctl calls)"
say "awsume-shell export deep --format json"
"$AWSUME" export deep --format json | sed -E 's/("(SecretAccessKey|SessionToken)": ")[^"]*/\1<redacted>/g'
