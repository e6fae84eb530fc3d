#!/usr/bin/env bash
# Time the sub-shell's prompt hooks take in the shell itself (_awsume_shell_update then
# _awsume_shell_apply, no process either way: bench/shell_processes.sh counts those), in
# bash and zsh, for the rc files BUILD_DIR writes, and for BASELINE_BUILD_DIR's in the same
# run when given (e.g. a build of the commit before a change of shellrc/).
#   bench/prompt_cost.sh BUILD_DIR [BASELINE_BUILD_DIR] [N]
# $SHELL is a stand-in named bash or zsh that, instead of starting an interactive shell,
# reads the rc file awsume-shell wrote and calls both hooks N times; the fastest of 7 rounds
# (the least disturbed by other load), the two builds taking turns.
set -eu
build=$(cd "${1:?usage: prompt_cost.sh BUILD_DIR [BASELINE_BUILD_DIR] [N]}" && pwd)
baseline=${2:+$(cd "$2" && pwd)}
n=${3:-5000}
tmp=$(mktemp -d /tmp/awsume-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home/.aws" "$tmp/bin" "$tmp/shells"
expires=$(date -u -d '+2 hours' +%Y-%m-%dT%H:%M:%SZ)
cat >"$tmp/bin/creds" <<EOS
#!/bin/sh
echo '{"Version": 1, "AccessKeyId": "ASIABENCHEXAMPLE0001", "SecretAccessKey": "bench", "SessionToken": "bench", "Expiration": "$expires"}'
EOS
printf '[profile bench]\ncredential_process = %s\n' "$tmp/bin/creds" >"$tmp/home/.aws/config"
# The hooks' loop, in the syntax both shells read; prints the start and end times.
loop='PS1="user> "; s=$EPOCHREALTIME; i=0
while (( i < N )); do _awsume_shell_update; _awsume_shell_apply; i=$(( i + 1 )); done
echo "$s $EPOCHREALTIME"'
cat >"$tmp/shells/bash" <<EOS
#!/bin/sh
# argv: --rcfile RC -i
N=$n exec $(command -v bash) --norc -c '. "\$1"; $loop' bash "\$2"
EOS
cat >"$tmp/shells/zsh" <<EOS
#!/bin/sh
N=$n exec $(command -v zsh) -f -c 'zmodload zsh/datetime; . "\$ZDOTDIR/.zshrc"; $loop'
EOS
chmod +x "$tmp/bin/creds" "$tmp/shells/bash" "$tmp/shells/zsh"

once() {  # once BUILD SHELL: microseconds per prompt
    env -i HOME="$tmp/home" PATH=/usr/bin:/bin TERM=dumb SHELL="$tmp/shells/$2" TMPDIR="$tmp" \
        "$1/awsume-shell" bench 2>/dev/null </dev/null | awk -v n="$n" '{ printf "%.1f\n", ($2 - $1) * 1e6 / n }'
}
fastest() { sort -n | head -n 1; }
for shell in bash zsh; do
    command -v "$shell" >/dev/null || { echo "$shell: not installed"; continue; }
    this= base=
    for _ in 1 2 3 4 5 6 7; do
        this+="$(once "$build" "$shell")"$'\n'
        [ -z "$baseline" ] || base+="$(once "$baseline" "$shell")"$'\n'
    done
    line=$(printf '%-5s %6s us per prompt' "$shell" "$(printf %s "$this" | fastest)")
    [ -z "$baseline" ] || line+=$(printf '  (baseline %s us)' "$(printf %s "$base" | fastest)")
    echo "$line"
done
