#!/usr/bin/env bash
# Processes started by the sub-shell per prompt and per fresh `aws` call, in bash and zsh.
#   bench/shell_processes.sh BUILD_DIR [PROMPTS]
# Starts `awsume-shell bench` (a credential_process profile: no AWS needed) in tmux,
# attaches strace -f to the sub-shell, presses Enter PROMPTS times, then runs the `aws`
# wrapper PROMPTS times with fresh credentials, and counts fork/clone and execve.
# Goal: 0 per prompt; per `aws` call only the real aws (1 fork + 1 execve of aws); the same
# with --server (the credentials server is a sibling of the shell, not traced).
set -eu
build=$(cd "${1:?usage: shell_processes.sh BUILD_DIR [PROMPTS]}" && pwd)
n=${2:-20}
for tool in tmux strace; do
    command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 77; }
done
tmp=$(mktemp -d /tmp/awsume-bench.XXXXXX)
# One tmux server per shell: after `exit` the first server shuts down, and a second
# session started on the same socket at that moment races with it.
trap 'for s in "$tmp"/tmux-*.sock; do tmux -S "$s" kill-server 2>/dev/null || true; done; rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home/.aws" "$tmp/bin"
expires=$(date -u -d '+2 hours' +%Y-%m-%dT%H:%M:%SZ)
cat >"$tmp/bin/creds" <<EOS
#!/bin/sh
echo '{"Version": 1, "AccessKeyId": "ASIABENCHEXAMPLE0001", "SecretAccessKey": "bench", "SessionToken": "bench", "Expiration": "$expires"}'
EOS
printf '#!/bin/sh\nexit 0\n' >"$tmp/bin/aws"
chmod +x "$tmp/bin/creds" "$tmp/bin/aws"
printf '[profile bench]\ncredential_process = %s\n' "$tmp/bin/creds" >"$tmp/home/.aws/config"
printf 'PS1="user> "\n' >"$tmp/home/.bashrc"
printf 'PROMPT="user> "\n' >"$tmp/home/.zshrc"

count() {  # count FILE: "forks execs"
    local forks execs
    forks=$(grep -cE '(clone|clone3|fork|vfork)\(' "$1" || true)
    execs=$(grep -cE 'execve\(' "$1" || true)
    echo "$forks $execs"
}

measure() {  # measure SHELL_NAME [AWSUME_OPTION]: with --server, the prompt reads the server's state file
    local shell_path; shell_path=$(command -v "$1") || { echo "$1: not installed"; return; }
    local name=$1${2:+$2}
    local sock=$tmp/tmux-$name.sock
    tmux -S "$sock" -f /dev/null new-session -d -s "$name" -x 120 -y 40 \
        "env -i HOME=$tmp/home TERM=xterm PATH=$tmp/bin:/usr/bin:/bin SHELL=$shell_path TMPDIR=$tmp $build/awsume-shell bench ${2:-}"
    local pane shell_pid=
    pane=$(tmux -S "$sock" display -p -t "$name" '#{pane_pid}')
    for _ in $(seq 1 100); do
        shell_pid=$(pgrep -P "$pane" -x "$1" | head -n 1 || true)
        [ -n "$shell_pid" ] && tmux -S "$sock" capture-pane -p -t "$name" | grep -q 'user> ' && break
        sleep 0.1
    done
    [ -n "$shell_pid" ] || { echo "$name: sub-shell did not start"; return; }
    strace -f -qq -e trace=execve,clone,clone3,fork,vfork -o "$tmp/$name.prompt" -p "$shell_pid" &
    local strace_pid=$!
    sleep 0.5
    for _ in $(seq 1 "$n"); do tmux -S "$sock" send-keys -t "$name" Enter; sleep 0.05; done
    sleep 0.5
    kill "$strace_pid"; wait "$strace_pid" 2>/dev/null || true
    strace -f -qq -e trace=execve,clone,clone3,fork,vfork -o "$tmp/$name.aws" -p "$shell_pid" &
    strace_pid=$!
    sleep 0.5
    for _ in $(seq 1 "$n"); do tmux -S "$sock" send-keys -t "$name" 'aws s3 ls' Enter; sleep 0.1; done
    sleep 0.5
    kill "$strace_pid"; wait "$strace_pid" 2>/dev/null || true
    set -- $(count "$tmp/$name.prompt")
    local prompt_forks=$1 prompt_execs=$2
    set -- $(count "$tmp/$name.aws")
    local aws_real; aws_real=$(grep -cE "execve\(\"$tmp/bin/aws\"" "$tmp/$name.aws" || true)
    printf '%-13s per prompt: %s forks, %s execs  | per fresh aws call: %s forks, %s execs (%s of them the real aws)  [%s prompts, %s calls]\n' \
        "$name" "$(awk "BEGIN{print $prompt_forks/$n}")" "$(awk "BEGIN{print $prompt_execs/$n}")" \
        "$(awk "BEGIN{print $1/$n}")" "$(awk "BEGIN{print $2/$n}")" "$(awk "BEGIN{print $aws_real/$n}")" "$n" "$n"
    tmux -S "$sock" send-keys -t "$name" 'exit' Enter
}

measure bash
measure zsh
measure bash --server
measure zsh --server
