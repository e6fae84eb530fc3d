# Reviewer's tests for issues 4 (sub-shell) and 5 (provision-mfa): gaps the other suites
# leave open. Same conventions as shell_subshell.sh / provision_mfa.sh (tmux, local server).
source "$AWSUME_E2E_DIR/tmux_driver.sh"
source "$AWSUME_E2E_DIR/subshell_helpers.sh"

# --- sub-shell helpers -------------------------------------------------------------------
rv_run() {  # rv_run SESSION TAG COMMAND: type COMMAND; echo RV-TAG; wait for it
    tmux_send "$1" "$3; echo RV-$2-\$((1+1))"
    tmux_wait "$1" "^RV-$2-2\$" 30
}

# The lines a command printed: from its "RV-TAG" request to the marker.
rv_output() {  # rv_output SESSION TAG
    tmux_capture "$1" | awk -v tag="RV-$2-" '
        index($0, "echo " tag) { on = 1; next }
        on && index($0, tag "2") == 1 { exit }
        on { print }'
}

# --- sub-shell --------------------------------------------------------------------------

# Settings: wrap_commands makes every listed name a function that passes its arguments and
# exit status through; prompt_format changes the prefix (bash and zsh).
rv_settings_scenario() {
    local s=set
    shell_setup "$1"
    printf 'wrap_commands = aws, printenv\nprompt_format = [aws:{profile} {left}]\n' \
        >"$HOME/.awsume-shell/config.ini"
    tmux_start $s "$AWSUME" shell admin
    tmux_wait $s '^\[aws:admin [0-9hm]+\] userprompt> '
    rv_run $s 1 'printenv AWSUME_PROFILE; echo "ST=$?"; printenv NO_SUCH_VARIABLE; echo "ST=$?"'
    expect_eq "$(rv_output $s 1 | tr '\n' ' ')" "admin ST=0 ST=1 " "printenv through the wrapper"
    rv_run $s 2 'type printenv | head -n 1'
    expect_contains "$(rv_output $s 2)" "function"
    # (short command lines: capture-pane -J would join a full-width line with the next)
    # aws: arguments with spaces and quotes reach the real CLI; its status comes back.
    rv_run $s 3 "aws --endpoint-url \$STS_URL sts get-caller-identity --query \"join('-', [Account, 'a b'])\" --output text; echo \"ST=\$?\""
    expect_eq "$(rv_output $s 3 | tr "\n" " ")" "$ACCOUNT-a b ST=0 " "aws with quoted arguments"
    rv_run $s 4 "aws --endpoint-url \$STS_URL sts no-such-operation 2>/dev/null; echo \"ST=\$?\""
    expect_eq "$(rv_output $s 4)" "ST=252" "aws exit status through the wrapper"
    tmux_send $s 'exit 9'
    expect_eq "$(tmux_wait_exit $s)" 9 "exit status"
}
test_review_bash_settings_and_wrapper_status() { rv_settings_scenario bash; }
test_review_zsh_settings_and_wrapper_status() { rv_settings_scenario zsh; }

# `prompt_format =` (empty) drops the prefix from PS1 for starship / p10k users
# (docs/shell.md), rather than resetting the setting to its default; AWSUME_SHELL_PROMPT
# is still offered.
test_review_empty_prompt_format_drops_prefix() {
    local s=empty
    shell_setup bash
    printf 'prompt_format =\n' >"$HOME/.awsume-shell/config.ini"
    tmux_start $s "$AWSUME" admin
    tmux_wait $s 'userprompt> $'
    rv_run $s 1 'echo "P=$AWSUME_SHELL_PROMPT"'
    expect_contains "$(rv_output $s 1)" "P=(admin " "AWSUME_SHELL_PROMPT still offered"
    rv_run $s 2 'echo "PS1=$PS1"'
    expect_eq "$(rv_output $s 2)" "PS1=userprompt> " "PS1 without our prefix"
    tmux_send $s 'exit'
    tmux_wait_exit $s >/dev/null
}

# Yellow below the refresh margin, red below 5 minutes (bash and zsh escape forms).
rv_colour_levels() {
    local kind=$1 s=lvl yellow red
    shell_setup "$kind"
    export AWS_SESSION_COLORS=1
    if [ "$kind" = bash ]; then yellow=$'\e[33m'; red=$'\e[31m'; else yellow=$'\e[33m'; red=$'\e[31m'; fi
    # Yellow from the start needs credentials of unknown lifetime (credential_process):
    # fresh role credentials get at most a third of their life as margin (docs/cache.md).
    ctl settings '{"credential_lifetime": 600}' >/dev/null
    "$AWSUME" exec admin -r -- true || fail "600 s admin credentials"
    printf '\n[profile yellow]\ncredential_process = %s export admin --format json\n' "$AWSUME" >>"$HOME/.aws/config"
    tmux_start $s "$AWSUME" yellow
    tmux_wait $s '^\(yellow [0-9]+m\) userprompt> '
    expect_contains "$(tmux_capture $s -e | grep 'userprompt> $' | tail -n 1)" "${yellow}(yellow " "yellow prompt"
    tmux_send $s 'exit'
    tmux_wait_exit $s >/dev/null
    ctl settings '{"credential_lifetime": 200}' >/dev/null
    tmux_start red "$AWSUME" admin -r
    tmux_wait red '^\(admin [0-9]+m\) userprompt> '
    expect_contains "$(tmux_capture red -e | grep 'userprompt> $' | tail -n 1)" "${red}(admin " "red prompt"
    tmux_send red 'exit'
    tmux_wait_exit red >/dev/null
}
test_review_bash_colour_levels() { rv_colour_levels bash; }
test_review_zsh_colour_levels() { rv_colour_levels zsh; }

# The rc folder: 0700, files 0600, none holds a secret key or token; removed after SIGHUP.
test_review_rc_folder_private_and_removed_on_hangup() {
    local s=hup dir f
    shell_setup zsh
    tmux_start $s "$AWSUME" admin
    tmux_wait $s '^\(admin [0-9hm]+\) userprompt> '
    rv_run $s 1 'printf "%s\n%s\n" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" >'"$E2E_TMP/secrets"
    dir=$(echo "$E2E_TMP"/tmp/awsume-shell.*)
    [ -d "$dir" ] || fail "no rc folder: $dir"
    expect_perm "$dir" 700
    for f in "$dir"/* "$dir"/.[!.]*; do
        [ -e "$f" ] || continue
        expect_perm "$f" 600
        grep -qF -f "$E2E_TMP/secrets" "$f" && fail "$f holds a secret"
    done
    tmux_cmd kill-session -t $s
    for _ in $(seq 1 50); do [ -e "$dir" ] || break; sleep 0.1; done
    [ ! -e "$dir" ] || fail "rc folder left after SIGHUP: $dir"
}

# status / refresh outside a sub-shell: exit 2, one line, prefixed.
test_review_status_and_refresh_outside_subshell() {
    start_server "$(standard_world)"; standard_profiles
    for cmd in status refresh; do
        expect_status 2 "$AWSUME" $cmd
        expect_eq "$(printf '%s\n' "$ERR" | wc -l)" 1 "$cmd: error lines"
        expect_contains "$ERR" "awsume-shell: $cmd: not inside an awsume-shell sub-shell"
    done
}

# --- provision-mfa ----------------------------------------------------------------------
RV_CAROL_KEY=AKIACAROLEXAMPLE0003
RV_CAROL_SECRET='carol/Secret+Key/EXAMPLE0000000000000003'
RV_CAROL_MFA=arn:aws:iam::$ACCOUNT:mfa/carol

rv_mfa_setup() {  # carol in the credentials file only; a config file without her
    need tmux; need zbarimg; need oathtool
    trap 'tmux_stop; e2e_cleanup' EXIT
    start_server "$(cat <<JSON
{"accounts": {"$ACCOUNT": {
  "users": {"carol": {"access_keys": [{"id": "$RV_CAROL_KEY", "secret": "$RV_CAROL_SECRET"}], "mfa_devices": []}},
  "roles": {}}}}
JSON
)"
    printf '[carol]\naws_access_key_id = %s\naws_secret_access_key = %s\n' \
        "$RV_CAROL_KEY" "$RV_CAROL_SECRET" >"$HOME/.aws/credentials"
    printf '# mine\n[profile other]\nregion = eu-west-1\n' >"$HOME/.aws/config"
    cp "$HOME/.aws/config" "$E2E_TMP/config.before"
}

rv_tmux_start() {  # tmux_start, and the screen stays after the command ends
    tmux_start "$@"
    tmux_cmd set-option -t "$1" remain-on-exit on >/dev/null
}
rv_devices() { ctl mfa-devices | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
rv_seed() { ctl mfa-devices | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d[0]["seed_base32"] if d else "")'; }

# Decodes the QR code exactly as drawn (no margin added here: the drawing must carry its
# own quiet zone). MODE: light (ink = light modules), dark (ink = dark modules), ascii.
rv_decode_screen() {  # rv_decode_screen SCREEN_FILE MODE -> the decoded text
    python3 - "$1" "$2" "$E2E_TMP/rv_qr.pgm" <<'PY' || return 1
import sys
path, mode, out = sys.argv[1:4]
lines = open(path, encoding="utf-8").read().split("\n")
start = next(i for i, l in enumerate(lines) if l.startswith("Scan this QR code")) + 2
end = next(i for i, l in enumerate(lines) if i > start and (l.startswith("Device ") or l.startswith("QR code also")))
rows = lines[start:end - 1]
grid = []
if mode == "ascii":
    total = len(rows)
    for l in rows:
        l = l.ljust(2 * total)
        grid.append([l[2 * x:2 * x + 2] == "##" for x in range(total)])
else:
    total = 2 * len(rows) - 1
    ink = {"\u2588": (1, 1), "\u2580": (1, 0), "\u2584": (0, 1), " ": (0, 0)}
    for l in rows:
        cells = [ink.get(c, (0, 0)) for c in l.ljust(total)[:total]]
        grid.append([c[0] for c in cells])
        grid.append([c[1] for c in cells])
    grid = grid[:total]
light = [[bool(v) if mode in ("light", "ascii") else not v for v in r] for r in grid]
# The quiet zone: four light modules on every side.
for y in range(total):
    for x in range(total):
        if (x < 4 or y < 4 or x >= total - 4 or y >= total - 4) and not light[y][x]:
            sys.exit("quiet zone not light at module (%d,%d) of %d" % (x, y, total))
s = 4
with open(out, "wb") as f:
    f.write(b"P5\n%d %d\n255\n" % (total * s, total * s))
    f.write(bytes(255 if light[y // s][x // s] else 0 for y in range(total * s) for x in range(total * s)))
PY
    zbarimg --quiet --raw "$E2E_TMP/rv_qr.pgm" 2>/dev/null
}

rv_enable_with_codes() {  # rv_enable_with_codes SESSION SEED
    local now; now=$(date +%s)
    tmux_send "$1" "$(oathtool --totp -b --now="@$((now - 30))" "$2")"
    tmux_wait "$1" 'Next code'
    tmux_send "$1" "$(oathtool --totp -b --now="@$now" "$2")"
}

# A profile that lives only in the credentials file: a [profile carol] section is added at
# the end of the config file, every earlier byte kept, its mode (0640) kept. The drawn QR
# code (colour on: light modules as blocks) carries its own quiet zone and decodes.
test_review_provision_creates_section_keeps_mode_and_quiet_zone() {
    rv_mfa_setup
    chmod 640 "$HOME/.aws/config"
    rv_tmux_start p "$AWSUME" provision-mfa --profile carol
    tmux_wait p 'First code:'
    tmux_capture p -N >"$E2E_TMP/screen.txt"
    uri=$(rv_decode_screen "$E2E_TMP/screen.txt" light) || fail "drawn QR code not readable as is: $uri"
    seed=$(rv_seed)
    expect_eq "$uri" "otpauth://totp/AWS:carol@$ACCOUNT?secret=$seed&issuer=AWS" "decoded URI"
    rv_enable_with_codes p "$seed"
    expect_eq "$(tmux_wait_exit p)" 0 "exit status"
    expect_perm "$HOME/.aws/config" 640
    expect_eq "$(head -c "$(stat -c %s "$E2E_TMP/config.before")" "$HOME/.aws/config")" \
        "$(cat "$E2E_TMP/config.before")" "bytes before the new section"
    expect_eq "$(tail -n 3 "$HOME/.aws/config")" "
[profile carol]
mfa_serial = $RV_CAROL_MFA" "appended section"
}

# --invert with colour off (light theme): dark modules as blocks; decodes with its margin.
test_review_provision_invert_without_colour() {
    rv_mfa_setup
    export NO_COLOR=1
    rv_tmux_start p "$AWSUME" provision-mfa --profile carol --invert --no-save
    tmux_wait p 'First code:'
    tmux_capture p -N >"$E2E_TMP/screen.txt"
    uri=$(rv_decode_screen "$E2E_TMP/screen.txt" dark) || fail "inverted QR not readable: $uri"
    expect_contains "$uri" "secret=$(rv_seed)&issuer=AWS"
    tmux_stop
}

# With colour on, the code is drawn bright white on black whatever the theme, so blocks
# are light: --invert must still give an image zbar (and a phone camera) reads, not a
# negative one with blocks on the dark modules (src/mfa/terminal_qr.cpp ink()).
test_review_provision_invert_with_colour_still_readable() {
    rv_mfa_setup
    export AWS_SESSION_COLORS=1
    rv_tmux_start p "$AWSUME" provision-mfa --profile carol --invert --no-save
    tmux_wait p 'First code:'
    tmux_capture p -N >"$E2E_TMP/screen.txt"
    uri=$(rv_decode_screen "$E2E_TMP/screen.txt" light) ||
        fail "what the terminal shows (white blocks on black) is not readable: $uri"
    expect_contains "$uri" "secret=$(rv_seed)&issuer=AWS"
    tmux_stop
}

# The plain-ASCII fallback decodes too (with its quiet zone).
test_review_provision_ascii_decodes() {
    rv_mfa_setup
    export LC_ALL=C LANG= NO_COLOR=1
    rv_tmux_start p "$AWSUME" provision-mfa --profile carol --no-save
    tmux_wait p 'First code:'
    tmux_capture p -N >"$E2E_TMP/screen.txt"
    uri=$(rv_decode_screen "$E2E_TMP/screen.txt" ascii) || fail "ASCII QR not readable: $uri"
    expect_contains "$uri" "secret=$(rv_seed)&issuer=AWS"
    tmux_stop
}

# A rejected pair may be retried: the second pair enables the device.
test_review_provision_rejected_pair_then_retry() {
    rv_mfa_setup
    rv_tmux_start p "$AWSUME" provision-mfa --profile carol --no-save
    tmux_wait p 'First code:'
    tmux_send p 000001
    tmux_wait p 'Next code'
    tmux_send p 000002
    tmux_wait p 'attempt 1 of'
    seed=$(rv_seed)
    rv_enable_with_codes p "$seed"
    expect_eq "$(tmux_wait_exit p)" 0 "exit status"
    expect_eq "$(ctl mfa-devices | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["enabled"])')" True "enabled"
    expect_contains "$(tmux_capture p)" "mfa_serial = $RV_CAROL_MFA"
    cmp -s "$E2E_TMP/config.before" "$HOME/.aws/config" || fail "config changed with --no-save"
}

# EnableMFADevice failing for another reason (server error): exit 1, device deleted,
# config untouched, the error on one prefixed line.
test_review_provision_enable_error_deletes_device() {
    rv_mfa_setup
    rv_tmux_start p "$AWSUME" provision-mfa --profile carol
    tmux_wait p 'First code:'
    ctl fault '{"action": "EnableMFADevice", "kind": "500", "count": 10}' >/dev/null
    rv_enable_with_codes p "$(rv_seed)"
    expect_eq "$(tmux_wait_exit p 60)" 1 "exit status"
    expect_contains "$(tmux_capture p)" "awsume-shell: deleted the new MFA device $RV_CAROL_MFA"
    expect_contains "$(tmux_capture p)" "awsume-shell: InternalFailure"
    expect_faults_fired 3 "EnableMFADevice requests answered 500 (all attempts)"
    expect_eq "$(rv_devices)" 0 "devices left"
    cmp -s "$E2E_TMP/config.before" "$HOME/.aws/config" || fail "config changed"
}
