# Issue 8, files: the credentials file (-o), the config file (provision-mfa) and the tool
# home are edited safely. Same conventions as core.sh. See docs/files-and-locking.md.

creds() { cat "$HOME/.aws/credentials"; }

section_of() {  # section_of NAME [FILE]: the key lines of [NAME], as the AWS CLI reads them
    python3 - "$1" "${2:-$HOME/.aws/credentials}" <<'PY'
import configparser, sys
cp = configparser.RawConfigParser()
cp.read(sys.argv[2])
for k, v in cp.items(sys.argv[1]):
    print(f"{k} = {v}")
PY
}

# `export admin -o alice` refuses to overwrite alice's long-term keys (a section it does
# not manage).
test_output_profile_refuses_a_section_it_does_not_manage() {
    start_server "$(standard_world)"; standard_profiles
    cp "$HOME/.aws/credentials" "$E2E_TMP/before"
    expect_status 2 "$AWSUME" export admin -o alice --mfa-code "$(totp "$ALICE_SEED")"
    one_line_error
    expect_contains "$ERR" "$HOME/.aws/credentials"
    expect_contains "$ERR" "[alice]"
    cmp -s "$HOME/.aws/credentials" "$E2E_TMP/before" || fail "the credentials file changed: $(creds)"
    expect_eq "$(total_calls)" 0 "AWS calls spent before the refusal"
    # A section another tool manages (awsume's marker) is not ours either.
    printf '\n[awsumed]\nmanager = awsume\naws_access_key_id = AKIAOTHER\n' >>"$HOME/.aws/credentials"
    cp "$HOME/.aws/credentials" "$E2E_TMP/before"
    expect_status 2 "$AWSUME" export bob -o awsumed
    expect_contains "$ERR" "[awsumed]"
    cmp -s "$HOME/.aws/credentials" "$E2E_TMP/before" || fail "the credentials file changed: $(creds)"
    # A new section is ours (marked), and so can be written again.
    expect_status 0 "$AWSUME" export bob -o out
    expect_contains "$(section_of out)" "manager = awsume-shell"
    expect_status 0 "$AWSUME" export bob -o out
}

# A section written by awsume-shell before the marker existed (temporary
# credentials with an expiration, nothing else) is taken as ours and gets the marker.
test_output_profile_adopts_a_section_written_before_the_marker() {
    start_server "$(standard_world)"; standard_profiles
    cat >>"$HOME/.aws/credentials" <<'INI'

[old-out]
aws_access_key_id = ASIAOLDEXAMPLE000001
aws_secret_access_key = old
aws_session_token = oldtoken
expiration = 2020-01-01T00:00:00Z
region = eu-west-1
INI
    expect_status 0 "$AWSUME" export partner -o old-out
    got=$(section_of old-out)
    expect_contains "$got" "manager = awsume-shell"
    expect_not_contains "$got" "ASIAOLDEXAMPLE000001"
}

# 20 parallel -o runs into one credentials file: all 20 sections survive.
test_parallel_output_profiles_all_survive() {
    standard_profiles
    pids=()
    for i in $(seq 1 20); do
        "$AWSUME" export bob -o "p$i" >/dev/null 2>"$E2E_TMP/err.$i" &
        pids+=($!)
    done
    for i in "${!pids[@]}"; do
        wait "${pids[$i]}" || fail "run $((i + 1)) failed: $(cat "$E2E_TMP/err.$((i + 1))")"
    done
    for i in $(seq 1 20); do
        expect_contains "$(section_of "p$i")" "aws_access_key_id = $BOB_KEY" "[p$i]"
    done
    expect_contains "$(section_of alice)" "$ALICE_SECRET" "[alice]"
    ls -A "$HOME/.aws" | grep -q 'tmp-' && fail "temporary files left: $(ls -A "$HOME/.aws")"
    true
}

# -o over a dangling symlink (a dotfile manager's link whose target is not there yet)
# creates the target and keeps the link.
test_output_profile_through_a_dangling_symlink_edits_the_target() {
    mkdir -p "$HOME/dotfiles/aws"
    rm -f "$HOME/.aws/credentials"
    ln -s ../dotfiles/aws/credentials "$HOME/.aws/credentials"
    printf '[profile bob]\naws_access_key_id = %s\naws_secret_access_key = %s\n' "$BOB_KEY" "$BOB_SECRET" \
        >"$HOME/.aws/config"
    expect_status 0 "$AWSUME" export bob -o out
    [ -L "$HOME/.aws/credentials" ] || fail "the symlink was replaced by a regular file"
    [ -f "$HOME/dotfiles/aws/credentials" ] || fail "the link's target was not written"
    expect_perm "$HOME/dotfiles/aws/credentials" 600
    expect_contains "$(cat "$HOME/dotfiles/aws/credentials")" "[out]"
}

# Long-term keys written over an output section replace it whole: no old aws_session_token
# or expiration is left beside them (the AWS CLI would pair bob's key with a stale token).
test_long_term_keys_over_an_output_section_replace_it_whole() {
    start_server "$(standard_world)"; standard_profiles
    expect_status 0 "$AWSUME" export partner -o out
    expect_contains "$(section_of out)" "aws_session_token"
    expect_status 0 "$AWSUME" export bob -o out
    got=$(section_of out)
    expect_contains "$got" "aws_access_key_id = $BOB_KEY"
    expect_not_contains "$got" "aws_session_token"
    expect_not_contains "$got" "expiration"
    expect_eq "$(grep -c '^\[out\]' "$HOME/.aws/credentials")" 1 "[out] headers"
}

# A write killed at its rename leaves a .credentials.tmp-XXXXXX that holds every profile's
# keys: it must be private (0600, not the file's wider mode) and the next write removes it.
test_interrupted_write_leaves_a_private_temp_that_the_next_write_removes() {
    need strace
    skip_under_sanitizer "LeakSanitizer does not run under ptrace (strace)"
    standard_profiles
    chmod 640 "$HOME/.aws/credentials"
    cp "$HOME/.aws/credentials" "$E2E_TMP/before"
    strace -f -o /dev/null -e trace=rename,renameat,renameat2 \
        -e inject=rename,renameat,renameat2:error=EIO:signal=SIGKILL \
        "$AWSUME" export bob -o out >/dev/null 2>&1
    cmp -s "$HOME/.aws/credentials" "$E2E_TMP/before" || fail "the credentials file changed"
    left=$(find "$HOME/.aws" -name '.credentials.tmp-*')
    [ -n "$left" ] || skip "strace could not stop the write at its rename (no ptrace here?)"
    expect_perm "$left" 600
    # One more leftover of an older version's naming, long abandoned.
    cp "$E2E_TMP/before" "$HOME/.aws/.credentials.tmp-AbC123"
    touch -d '1 hour ago' "$HOME/.aws/.credentials.tmp-AbC123"
    expect_status 0 "$AWSUME" export bob -o out
    expect_eq "$(find "$HOME/.aws" -name '.credentials.tmp-*')" "" "leftover temp files"
    expect_perm "$HOME/.aws/credentials" 640
}

# -o into a credentials file others can read (0644) makes it 0600, saying so once.
test_credentials_file_readable_by_others_becomes_private() {
    start_server "$(standard_world)"; standard_profiles
    chmod 644 "$HOME/.aws/credentials"
    expect_status 0 "$AWSUME" export partner -o out
    expect_perm "$HOME/.aws/credentials" 600
    expect_contains "$ERR" "$HOME/.aws/credentials"
    expect_contains "$ERR" "0600"
    expect_status 0 "$AWSUME" export partner -o out
    expect_eq "$ERR" "" "stderr of the second run"
}

# A config.ini that someone else can write is refused (its role_prefix could redirect
# --role-arn).
test_settings_files_others_can_write_are_refused() {
    start_server "$(standard_world)"; standard_profiles
    mkdir -p "$HOME/.awsume-shell"
    printf 'role_prefix = arn:aws:iam::999999999999:role/\n' >"$HOME/.awsume-shell/config.ini"
    chmod 666 "$HOME/.awsume-shell/config.ini"
    expect_status 2 "$AWSUME" export bob --role-arn readonly
    one_line_error
    expect_contains "$ERR" "$HOME/.awsume-shell/config.ini"
    chmod 664 "$HOME/.awsume-shell/config.ini"
    expect_status 2 "$AWSUME" export bob --role-arn readonly
    chmod 644 "$HOME/.awsume-shell/config.ini"
    printf 'role_prefix = arn:aws:iam::%s:role/\n' "$ACCOUNT" >"$HOME/.awsume-shell/config.ini"
    expect_status 0 "$AWSUME" export bob --role-arn readonly
    # The project file found from the current directory upward is checked the same way.
    mkdir -p "$E2E_TMP/repo/sub"
    printf 'role_prefix = arn:aws:iam::999999999999:role/\n' >"$E2E_TMP/repo/.awsume-shell.ini"
    chmod 646 "$E2E_TMP/repo/.awsume-shell.ini"
    (cd "$E2E_TMP/repo/sub" && "$AWSUME" export bob --role-arn readonly >/dev/null 2>"$E2E_TMP/err")
    expect_eq "$?" 2 "exit status with a world-writable project file"
    expect_contains "$(cat "$E2E_TMP/err")" "$E2E_TMP/repo/.awsume-shell.ini"
}

test_settings_file_owned_by_another_user_is_refused() {
    [ "$(id -u)" = 0 ] || skip "needs root to give a file to another user"
    start_server "$(standard_world)"; standard_profiles
    mkdir -p "$HOME/.awsume-shell"
    printf 'role_prefix = arn:aws:iam::999999999999:role/\n' >"$HOME/.awsume-shell/config.ini"
    chown 65534 "$HOME/.awsume-shell/config.ini"
    expect_status 2 "$AWSUME" export bob --role-arn readonly
    one_line_error
    expect_contains "$ERR" "$HOME/.awsume-shell/config.ini"
    expect_contains "$ERR" "owned by"
}

# A world-writable ~/.awsume-shell (and its cache) is narrowed to the user.
test_a_world_writable_tool_home_is_narrowed() {
    start_server "$(standard_world)"; standard_profiles
    mkdir -p "$HOME/.awsume-shell/cache"
    chmod 777 "$HOME/.awsume-shell" "$HOME/.awsume-shell/cache"
    expect_status 0 "$AWSUME" export partner
    expect_perm "$HOME/.awsume-shell" 700
    expect_perm "$HOME/.awsume-shell/cache" 700
}

# The -a log is never opened through a symlink (which would create or append to its target).
test_auto_refresh_log_is_not_opened_through_a_symlink() {
    start_server "$(standard_world)"; standard_profiles
    mkdir -p "$HOME/.awsume-shell"
    chmod 700 "$HOME/.awsume-shell"
    ln -s "$E2E_TMP/victim" "$HOME/.awsume-shell/auto-refresh-files-log.log"
    expect_status 0 "$AWSUME" exec partner -o files-log -a -- true
    # The refresher points its stderr at its log (or /dev/null) right after forking: wait
    # for that, then stop it.
    found=
    for _ in $(seq 1 100); do
        for pid in $(own_pids); do
            case $(readlink "/proc/$pid/fd/2" 2>/dev/null) in
                /dev/null|"$E2E_TMP/victim") found="$found $pid" ;;
            esac
        done
        [ -n "$found" ] && break
        sleep 0.05
    done
    [ -n "$found" ] || fail "no refresher started"
    for pid in $found; do kill "$pid" 2>/dev/null; done
    [ -e "$E2E_TMP/victim" ] && fail "the log's symlink was followed: $(cat "$E2E_TMP/victim")"
    [ -L "$HOME/.awsume-shell/auto-refresh-files-log.log" ] || fail "the symlink is gone"
}

# Item 1 (review): a profile whose long-term keys live in the config file ([profile carol])
# was taken over by `-o carol`: the new [carol] of the credentials file shadows them, so
# `--profile carol` became bob for every AWS tool.
test_output_profile_refuses_a_profile_the_config_file_gives_credentials() {
    standard_profiles
    printf '\n[profile carol]\naws_access_key_id = AKIACAROL00000000000\naws_secret_access_key = carolsecret\n' \
        >>"$HOME/.aws/config"
    printf '\n[profile proc]\ncredential_process = /bin/false\n' >>"$HOME/.aws/config"
    cp "$HOME/.aws/credentials" "$E2E_TMP/before"
    expect_status 2 "$AWSUME" export bob -o carol
    one_line_error
    expect_contains "$ERR" "$HOME/.aws/config"
    expect_contains "$ERR" "aws_access_key_id"
    expect_status 2 "$AWSUME" export bob -o proc
    expect_contains "$ERR" "credential_process"
    cmp -s "$HOME/.aws/credentials" "$E2E_TMP/before" || fail "the credentials file changed: $(creds)"
    # A config profile that only sets a region for the output profile is fine.
    printf '\n[profile regional]\nregion = eu-central-1\n' >>"$HOME/.aws/config"
    expect_status 0 "$AWSUME" export bob -o regional
    expect_contains "$(section_of regional)" "manager = awsume-shell"
}
