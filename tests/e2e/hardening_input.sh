# Hostile input (issue 8): profile names, helper processes, INI files and environment that
# try to run code, leak a secret, hang, crash or scribble on the terminal. docs/hostile-input.md
source "$AWSUME_E2E_DIR/tmux_driver.sh"

COMPLETION_BASH=$AWSUME_E2E_DIR/../../completions/awsume-shell.bash

# A credential_process answer with fixed keys (no server needed).
fake_process_json() {
    printf '%s' '{"Version": 1, "AccessKeyId": "AKIAPROCESSEXAMPLE01", "SecretAccessKey": "process/secret"}'
}

# --- item 5: completion never expands a profile name ------------------------------------
test_bash_completion_of_a_hostile_name_runs_nothing() {
    need tmux; need bash
    trap 'tmux_stop; e2e_cleanup' EXIT
    cat >"$HOME/.aws/config" <<'INI'
[profile x$(touch${IFS}PWNED)]
region = eu-west-1
[profile y`touch${IFS}PWNED2`]
region = eu-west-1
INI
    mkdir -p "$E2E_TMP/cwd"
    cd "$E2E_TMP/cwd" || fail "cd"
    export PATH=$AWSUME_E2E_BUILD:/usr/bin:/bin PS1='prompt> '
    tmux_start c bash --norc --noprofile -i
    tmux_wait c 'prompt> ' 10
    tmux_send c "source $COMPLETION_BASH"
    tmux_cmd send-keys -t c -l -- 'awsume-shell x'
    tmux_cmd send-keys -t c Tab
    tmux_wait c 'awsume-shell x.*PWNED' 10
    # The completed word must mean the name itself: print it instead of running it.
    tmux_cmd send-keys -t c C-a
    tmux_cmd send-keys -t c -l -- "printf '<%s>\n' "
    tmux_cmd send-keys -t c Enter
    tmux_wait c '<x\$\(touch\$\{IFS\}PWNED\)>' 10
    tmux_cmd send-keys -t c -l -- 'awsume-shell y'
    tmux_cmd send-keys -t c Tab
    tmux_wait c 'awsume-shell y.*PWNED2' 10
    tmux_cmd send-keys -t c C-u
    tmux_send c 'exit'
    tmux_wait_exit c 10 >/dev/null
    [ ! -e "$E2E_TMP/cwd/PWNED" ] || fail "TAB ran the \$(...) of a profile name"
    [ ! -e "$E2E_TMP/cwd/PWNED2" ] || fail "TAB ran the backquotes of a profile name"
    tmux_stop
}

test_zsh_and_fish_completion_run_nothing() {
    cat >"$HOME/.aws/config" <<'INI'
[profile x$(touch${IFS}PWNED)]
region = eu-west-1
INI
    mkdir -p "$E2E_TMP/cwd"
    cd "$E2E_TMP/cwd" || fail "cd"
    if command -v zsh >/dev/null; then
        got=$(PATH=$AWSUME_E2E_BUILD:$PATH zsh -f -c '
            compadd() { shift; print -rl -- "$@"; }   # stand-in: shows what would be offered
            source "$1"; CURRENT=2; words=(awsume-shell x); _awsume_shell' _ "$AWSUME_E2E_DIR/../../completions/awsume-shell.zsh")
        expect_contains "$got" 'x$(touch${IFS}PWNED)' "zsh candidates"
    fi
    if command -v fish >/dev/null; then
        PATH=$AWSUME_E2E_BUILD:$PATH fish -N -c "source $AWSUME_E2E_DIR/../../completions/awsume-shell.fish; complete -C 'awsume-shell x'" >"$E2E_TMP/fish.out" 2>&1
        expect_contains "$(cat "$E2E_TMP/fish.out")" 'x$(touch${IFS}PWNED)' "fish candidates"
    fi
    [ ! -e "$E2E_TMP/cwd/PWNED" ] || fail "zsh or fish completion ran a profile name"
}

# --- item 7: a helper's command line is never printed -----------------------------------
test_mfa_process_error_names_the_setting_not_the_command() {
    start_server "$(standard_world)"; standard_profiles
    cat >>"$HOME/.aws/config" <<INI

[profile otp]
role_arn = arn:aws:iam::$ACCOUNT:role/admin
source_profile = alice
mfa_process = oathtool --totp -b SEEDSECRET2345SEEDSECRET; exit 1
INI
    line=$(grep -n '^mfa_process' "$HOME/.aws/config" | cut -d: -f1)
    expect_status 3 "$AWSUME" export otp --debug
    expect_not_contains "$ERR" "SEEDSECRET" "stderr"
    expect_contains "$ERR" "awsume-shell: mfa_process of profile 'otp' ($HOME/.aws/config:$line) exited with status 1"
}

test_credential_process_error_names_the_setting_not_the_command() {
    cat >"$HOME/.aws/config" <<'INI'
[profile proc]
credential_process = sh -c 'exit 4' --token=TOPSECRETTOKEN
INI
    expect_status 1 "$AWSUME" export proc --debug
    expect_not_contains "$ERR" "TOPSECRETTOKEN" "stderr"
    expect_contains "$ERR" "credential_process of profile 'proc' ($HOME/.aws/config:2) exited with status 4"
}

# --- item 8: no core dump of a process that holds secrets --------------------------------
test_running_process_is_not_dumpable_and_has_no_core_limit() {
    # The credential_process (sh -c) looks at its parent, awsume-shell, while it runs: the
    # /proc/PID of a non-dumpable process belongs to root, and its soft core limit is 0.
    # Ownership only tells when awsume-shell does not run as root: as root, run it as nobody.
    local run_as=()
    if [ "$(id -u)" = 0 ]; then
        need setpriv
        chmod 755 "$E2E_TMP"
        run_as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    fi
    mkdir -p "$E2E_TMP/seen"
    cat >"$HOME/.aws/config" <<INI
[profile proc]
credential_process = stat -c owner=%u /proc/\$PPID/stat >"$E2E_TMP/seen/it"; grep "Max core" /proc/\$PPID/limits >>"$E2E_TMP/seen/it"; printf "%s" '$(fake_process_json)'
INI
    [ ${#run_as[@]} -gt 0 ] && chown -R 65534:65534 "$HOME" "$E2E_TMP/seen"
    expect_status 0 "${run_as[@]}" sh -c 'ulimit -S -c 1024; exec "$1" export proc' _ "$AWSUME"
    expect_contains "$OUT" "AKIAPROCESSEXAMPLE01"
    seen=$(cat "$E2E_TMP/seen/it")
    expect_contains "$seen" "owner=0" "owner of /proc/PID of awsume-shell (uid $(stat -c %u "$HOME"))"
    expect_eq "$(echo "$seen" | awk '/Max core/ {print $5}')" 0 "soft core limit"
    # The command run by exec gets the user's own core limit back.
    expect_status 0 "${run_as[@]}" sh -c 'ulimit -S -c 1024; "$1" exec proc -- sh -c "ulimit -S -c"' _ "$AWSUME"
    expect_eq "$OUT" 1024 "core limit of the exec'd command"
}

# --- item 11: dotenv output is read back exactly by python-dotenv, or refused ----------
test_dotenv_values_are_exact_for_python_dotenv_or_refused() {
    python3 -c 'import dotenv' 2>/dev/null || skip "needs python3-dotenv"
    # Names in the credentials file are taken literally (no shlex as in the config file).
    for name in 'safe$name"q#x $HOME `x`' 'a${HOME}b' 'back\slash' "it's"; do
        printf '[%s]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = s\n\n' "$name"
    done >"$HOME/.aws/credentials"
    name='safe$name"q#x $HOME `x`'
    expect_status 0 "$AWSUME" export "$name" --format dotenv
    printf '%s\n' "$OUT" >"$E2E_TMP/env"
    got=$(python3 -c 'import sys, dotenv; print(dotenv.dotenv_values(sys.argv[1])["AWSUME_PROFILE"])' "$E2E_TMP/env")
    expect_eq "$got" "$name" "python-dotenv's AWSUME_PROFILE"
    got=$(set -a; . "$E2E_TMP/env"; printf '%s' "$AWSUME_PROFILE")
    expect_eq "$got" "$name" "AWSUME_PROFILE of the file sourced by sh"
    for name in 'a${HOME}b' 'back\slash' "it's"; do
        expect_status 2 "$AWSUME" export "$name" --format dotenv
        expect_contains "$ERR" "AWSUME_PROFILE" "refusal names the variable"
        expect_eq "$OUT" "" "nothing half-written on stdout"
    done
}

# --- item 12: control characters reach the terminal escaped -----------------------------
test_escape_sequences_in_names_are_shown_escaped() {
    printf '[profile evil\033]0;pwned\007x]\nregion = eu-west-1\n' >"$HOME/.aws/config"
    expect_status 0 "$AWSUME" list
    expect_not_contains "$OUT" $'\033' "list table"
    expect_contains "$OUT" 'evil\x1b]0;pwned\x07x' "list table"
    expect_status 0 "$AWSUME" list --names
    expect_eq "$OUT" $'evil\033]0;pwned\007x' "list --names stays exact"
    expect_status 2 "$AWSUME" export $'nope\033[2J'
    expect_not_contains "$ERR" $'\033' "error message"
    expect_contains "$ERR" 'nope\x1b[2J' "error message"
}

# --- item 13: malformed INI is an error naming file and line, never a crash -------------
test_control_byte_value_in_ini_files_is_no_crash() {
    printf '[profile a]\nregion = eu-west-1\n\x01\n' >"$HOME/.aws/config"
    expect_status 2 "$AWSUME" list
    expect_contains "$ERR" "$HOME/.aws/config:3"
    printf '[profile a]\nk = \x01\n' >"$HOME/.aws/config"
    expect_status 0 "$AWSUME" list --json
    expect_contains "$OUT" '"name": "a"'
    mkdir -p "$E2E_TMP/proj"
    printf '[profile a]\nregion = eu-west-1\n' >"$HOME/.aws/config"
    printf "wrap_commands = \x01\n" >"$E2E_TMP/proj/.awsume-shell.ini"
    (cd "$E2E_TMP/proj" && "$AWSUME" export a >"$E2E_TMP/out" 2>"$E2E_TMP/err"); rc=$?
    [ $rc -lt 128 ] || fail "crashed with status $rc on a project .awsume-shell.ini"
}

test_nul_at_line_start_does_not_hide_a_section() {
    printf '[profile a]\nregion = eu-west-1\n\0[profile b]\nrole_arn = arn:aws:iam::111122223333:role/x\n' >"$HOME/.aws/config"
    expect_status 2 "$AWSUME" list --json
    expect_contains "$ERR" "$HOME/.aws/config:3"
}

# --- item 14: invalid UTF-8 and the last-resort handler ----------------------------------
test_list_json_with_invalid_utf8_name() {
    printf '[profile bad\xff\xfename]\nregion = eu-west-1\n' >"$HOME/.aws/config"
    expect_status 0 "$AWSUME" list --json
    python3 -c 'import json, sys; d = json.loads(sys.argv[1]); assert d[0]["name"] == "bad\ufffd\ufffdname", d' "$OUT" \
        || fail "list --json: $OUT"
}

test_out_of_memory_is_one_line_not_an_abort() {
    skip_under_sanitizer "ulimit -v 150000 is far below ASan's shadow memory"
    truncate -s 8G "$HOME/.aws/config"
    expect_status 1 sh -c 'ulimit -v 150000; exec "$1" list' _ "$AWSUME"
    expect_eq "$ERR" "awsume-shell: internal error: out of memory" "stderr"
}

# --- item 17: helper processes are bounded ------------------------------------------------
test_credential_process_with_lingering_grandchild_does_not_hang() {
    cat >"$HOME/.aws/config" <<INI
[profile proc]
credential_process = sh -c 'sleep 60 & printf "%s" "\$0"' '$(fake_process_json)'
INI
    expect_status 0 timeout 20 "$AWSUME" export proc
    expect_contains "$OUT" "AKIAPROCESSEXAMPLE01"
}

test_credential_process_output_is_capped() {
    cat >"$HOME/.aws/config" <<'INI'
[profile proc]
credential_process = head -c 3000000 /dev/zero
INI
    expect_status 1 timeout 20 "$AWSUME" export proc
    expect_contains "$ERR" "credential_process of profile 'proc' ($HOME/.aws/config:2) printed more than 1 MiB"
}

test_credential_process_timeout_ends_it() {
    mkdir -p "$HOME/.awsume-shell"
    printf 'process_timeout = 1s\n' >"$HOME/.awsume-shell/config.ini"
    cat >"$HOME/.aws/config" <<INI
[profile proc]
credential_process = sh -c 'echo \$\$ >"$E2E_TMP/pid"; trap "" TERM; sleep 60 & sleep 60'
INI
    expect_status 1 timeout 30 "$AWSUME" export proc
    expect_contains "$ERR" "credential_process of profile 'proc' ($HOME/.aws/config:2) was still running after 1s (process_timeout): ended it"
    pid=$(cat "$E2E_TMP/pid")
    # Gone, or a zombie waiting for a reaper (a container's PID 1 may never reap it).
    state=$(ps -o stat= -p "$pid" 2>/dev/null)
    case $state in ""|Z*) ;; *) fail "the helper $pid is still running ($state)" ;; esac
}

# In a terminal the helper stays in our process group, which has the terminal: it can
# prompt, Ctrl-C ends us both, Ctrl-Z does not leave it stopped, and the rest of our job
# stays in the foreground.
proc_profile_in_a_terminal() {
    mkdir -p "$HOME/.awsume-shell"
    printf 'process_timeout = %s\n' "$1" >"$HOME/.awsume-shell/config.ini"
    cat >"$HOME/.aws/config" <<INI
[profile proc]
credential_process = $2
INI
}

# `awsume-shell export proc` in a terminal; the pane stays open after it (closing it would
# hang up what is left). Its stdout and stderr go to $E2E_TMP/t.out and t.err.
export_in_a_terminal() {
    tmux_start p bash -c 'trap : INT; "$@" >"$0.out" 2>"$0.err"; echo $? >"$0.status"; sleep 60' \
        "$E2E_TMP/t" "$AWSUME" export proc
}

terminal_export_status() {
    local i
    for ((i = 0; i < $1 * 10; i++)); do
        [ -s "$E2E_TMP/t.status" ] && { cat "$E2E_TMP/t.status"; return 0; }
        sleep 0.1
    done
    tmux_capture p >&2
    fail "export did not end within $1 s"
}

test_credential_process_timeout_in_a_terminal_ends_it() {
    need tmux
    # Our child itself (what it started stays: it shares our group, see hostile-input.md).
    proc_profile_in_a_terminal 1s "trap '' TERM; echo \$\$ >\"$E2E_TMP/pid\"; sleep 60"
    export_in_a_terminal
    expect_eq "$(terminal_export_status 30)" 1 "exit status"
    expect_contains "$(cat "$E2E_TMP/t.err")" "was still running after 1s (process_timeout): ended it"
    state=$(ps -o stat= -p "$(cat "$E2E_TMP/pid")" 2>/dev/null)
    case $state in ""|Z*) ;; *) fail "the helper is still running ($state)" ;; esac
    tmux_stop
}

test_credential_process_in_a_terminal_leaves_the_job_in_the_foreground() {
    need tmux
    # While the helper runs, the other side of the pipe must still be in the terminal's
    # foreground group (less sets the terminal at its start: from the background it would
    # be stopped, or refused in an orphaned group).
    proc_profile_in_a_terminal 30s "sh -c 'sleep 2; printf \"{\\\"Version\\\": 1, \\\"AccessKeyId\\\": \\\"AKIAJOB\\\", \\\"SecretAccessKey\\\": \\\"s\\\"}\"'"
    tmux_start p bash -c '"$@" | { sleep 0.5; ps -o pgid=,tpgid= -p $BASHPID >"$0.groups"; cat >/dev/null; }; sleep 60' \
        "$E2E_TMP/t" "$AWSUME" export proc
    for _ in $(seq 1 100); do
        [ -s "$E2E_TMP/t.groups" ] && break
        sleep 0.1
    done
    read -r group foreground <"$E2E_TMP/t.groups" || fail "no process groups recorded"
    expect_eq "$foreground" "$group" "the terminal's foreground group while the helper runs"
    tmux_stop
}

test_credential_process_in_a_terminal_can_prompt_and_survives_ctrl_z() {
    need tmux
    proc_profile_in_a_terminal 30s "sh -c 'printf \"touch the key: \" >/dev/tty; read answer </dev/tty; printf \"{\\\"Version\\\": 1, \\\"AccessKeyId\\\": \\\"AKIAPROMPTED\$answer\\\", \\\"SecretAccessKey\\\": \\\"s\\\"}\"'"
    export_in_a_terminal
    tmux_wait p "touch the key:" 10
    tmux_cmd send-keys -t p C-z
    sleep 0.3
    tmux_send p OK
    expect_eq "$(terminal_export_status 15)" 0 "exit status"
    expect_contains "$(cat "$E2E_TMP/t.out")" "AKIAPROMPTEDOK"
    tmux_stop
}

test_ctrl_c_at_a_credential_process_in_a_terminal_ends_us() {
    need tmux
    proc_profile_in_a_terminal 30s "sh -c 'printf \"touch the key: \" >/dev/tty; sleep 60'"
    export_in_a_terminal
    tmux_wait p "touch the key:" 10
    tmux_cmd send-keys -t p C-c
    expect_eq "$(terminal_export_status 10)" 130 "exit status"
    tmux_stop
}

test_ctrl_c_at_a_credential_process_ends_the_script_that_runs_us() {
    need tmux
    proc_profile_in_a_terminal 30s "sh -c 'printf \"touch the key: \" >/dev/tty; sleep 60'"
    tmux_start p bash -c '"$@"; echo went on >"$0"; sleep 60' "$E2E_TMP/after" "$AWSUME" export proc
    tmux_wait p "touch the key:" 10
    tmux_cmd send-keys -t p C-c
    sleep 1
    [ ! -e "$E2E_TMP/after" ] || fail "the script went on after Ctrl-C"
    tmux_stop
}

# --- item 28: list shows the effective MFA; a named missing file is an error ------------
test_list_shows_mfa_through_the_source_profile() {
    standard_profiles
    expect_status 0 "$AWSUME" list --json
    got=$(python3 -c 'import json, sys; print({p["name"]: p["mfa_serial"] for p in json.loads(sys.argv[1])}["admin"])' "$OUT")
    expect_eq "$got" "$ALICE_MFA" "admin's effective mfa_serial"
    expect_status 0 "$AWSUME" list
    expect_contains "$(echo "$OUT" | grep '^admin ')" "$ALICE_MFA" "MFA column of admin"
}

test_explicit_missing_config_file_is_an_error() {
    expect_status 2 "$AWSUME" list --config-file "$E2E_TMP/nonexistent"
    expect_contains "$ERR" "$E2E_TMP/nonexistent"
    expect_status 2 "$AWSUME" list --credentials-file "$E2E_TMP/nocreds"
    expect_contains "$ERR" "$E2E_TMP/nocreds (named by --credentials-file) does not exist"
    # A variable may name a file not made yet, as for botocore (the first -o creates it).
    expect_status 0 env AWS_SHARED_CREDENTIALS_FILE="$E2E_TMP/nocreds" "$AWSUME" list
    rm -rf "$HOME/.aws"
    expect_status 0 "$AWSUME" list   # the default files missing is fine
}
