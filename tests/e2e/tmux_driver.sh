# Drive an interactive program through a pseudo-terminal with tmux (sourced by shell_*.sh).
# Each test gets its own tmux server (socket in $E2E_TMP), so nothing of the developer's
# tmux is touched. A session runs one command; its exit status lands in a file.
#   tmux_start NAME CMD ARGS...     start CMD in a 200x50 terminal with the current exports
#   tmux_send NAME TEXT             type TEXT and Enter
#   tmux_wait NAME REGEX [SECONDS]  wait until the screen (with scrollback) matches
#   tmux_capture NAME [-e]          the screen and scrollback (-e: with colour escapes)
#   tmux_wait_exit NAME [SECONDS]   wait for CMD to end; prints its exit status
#   tmux_stop                       end the tmux server

tmux_cmd() { tmux -S "$E2E_TMP/tmux.sock" "$@"; }

tmux_start() {
    local name=$1; shift
    local launcher=$E2E_TMP/launch.$name
    rm -f "$E2E_TMP/status.$name"
    {
        echo '#!/bin/bash'
        export -p
        printf '%q ' "$@"
        printf '\necho $? >%q\n' "$E2E_TMP/status.$name"
    } >"$launcher"
    chmod 700 "$launcher"
    tmux_cmd -f /dev/null new-session -d -s "$name" -x 200 -y 50 "$launcher" ||
        fail "tmux could not start $name"
    tmux_cmd set-option -t "$name" history-limit 5000 >/dev/null
}

tmux_send() {
    tmux_cmd send-keys -t "$1" -l -- "$2"
    tmux_cmd send-keys -t "$1" Enter
}

tmux_capture() {
    local name=$1; shift
    tmux_cmd capture-pane -p -J -S -5000 "$@" -t "$name" 2>/dev/null
}

tmux_wait() {
    local name=$1 regex=$2 timeout=${3:-15} i
    for ((i = 0; i < timeout * 10; i++)); do
        if tmux_capture "$name" | grep -qE -- "$regex"; then
            return 0
        fi
        if [ -e "$E2E_TMP/status.$name" ]; then
            break
        fi
        sleep 0.1
    done
    echo "--- screen of $name ---" >&2
    tmux_capture "$name" >&2
    [ -e "$E2E_TMP/status.$name" ] && echo "--- $name ended with status $(cat "$E2E_TMP/status.$name")" >&2
    fail "timed out waiting for /$regex/ in $name"
}

tmux_wait_exit() {
    local name=$1 timeout=${2:-15} i
    for ((i = 0; i < timeout * 10; i++)); do
        if [ -s "$E2E_TMP/status.$name" ]; then
            cat "$E2E_TMP/status.$name"
            return 0
        fi
        sleep 0.1
    done
    tmux_capture "$name" >&2
    fail "$name did not end"
}

tmux_stop() { tmux_cmd kill-server 2>/dev/null || true; }
