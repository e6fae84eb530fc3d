# Issue 5: provision-mfa against the local server, driven through a real pseudo-terminal
# (tmux): the QR code drawn on screen is read back with zbarimg.

CAROL_KEY=AKIACAROLEXAMPLE0003
CAROL_SECRET='carol/Secret+Key/EXAMPLE0000000000000003'
CAROL_MFA=arn:aws:iam::$ACCOUNT:mfa/carol

mfa_world() {
    cat <<JSON
{"accounts": {"$ACCOUNT": {
  "users": {"carol": {"access_keys": [{"id": "$CAROL_KEY", "secret": "$CAROL_SECRET"}], "mfa_devices": []}},
  "roles": {"secure": {"trust": ["arn:aws:iam::$ACCOUNT:user/carol"], "require_mfa": true}}}}}
JSON
}

# A config file with the kinds of bytes that must survive the edit: comments, odd spacing,
# a key after the profile's section, another profile, no newline at the very end.
mfa_profiles() {
    cat >"$HOME/.aws/credentials" <<INI
[carol]
aws_access_key_id = $CAROL_KEY
aws_secret_access_key = $CAROL_SECRET
INI
    printf '%s' "# my AWS config
;   keep this comment
[profile carol]
region=eu-west-1
  # indented comment

[profile secure]
role_arn = arn:aws:iam::$ACCOUNT:role/secure
source_profile   =   carol
[profile other]
output = json" >"$HOME/.aws/config"
    cp "$HOME/.aws/config" "$E2E_TMP/config.before"
}

# --- tmux: the binary gets a real terminal ----------------------------------------------
TMUX_SOCK=
tmux_start() {  # tmux_start COMMAND (run by sh; its exit status lands in $E2E_TMP/status)
    TMUX_SOCK=$E2E_TMP/tmux.sock
    rm -f "$E2E_TMP/status"
    # The shell ignores Ctrl-C so that it survives to record the status; the binary
    # installs its own handler.
    printf '%s\n' "trap '' INT; $1; echo \$? >'$E2E_TMP/status'; sleep 600" >"$E2E_TMP/cmd.sh"
    tmux -S "$TMUX_SOCK" -f /dev/null new-session -d -x 140 -y 80 \
        "env HOME='$HOME' LC_ALL=C.UTF-8 TERM=xterm-256color AWS_ENDPOINT_URL_IAM='$STS_URL' AWS_ENDPOINT_URL_STS='$STS_URL' sh '$E2E_TMP/cmd.sh'" \
        || fail "tmux did not start"
}
tmux_stop() { [ -n "$TMUX_SOCK" ] && tmux -S "$TMUX_SOCK" kill-server 2>/dev/null; TMUX_SOCK=; }
screen() { tmux -S "$TMUX_SOCK" capture-pane -p -J -S -200; }
wait_screen() {  # wait_screen TEXT [SECONDS]
    local i
    for i in $(seq 1 $(( ${2:-15} * 10 ))); do
        screen | grep -qF -- "$1" && return 0
        [ -s "$E2E_TMP/status" ] && break
        sleep 0.1
    done
    fail "screen never showed '$1': $(screen)"
}
wait_count() {  # wait_count TEXT N: until TEXT is on N lines of the screen
    local i
    for i in $(seq 1 150); do
        [ "$(screen | grep -cF -- "$1")" -ge "$2" ] && return 0
        sleep 0.1
    done
    fail "screen never showed '$1' $2 times: $(screen)"
}
wait_status() {
    local i
    for i in $(seq 1 200); do
        [ -s "$E2E_TMP/status" ] && { cat "$E2E_TMP/status"; return 0; }
        sleep 0.1
    done
    fail "provision-mfa did not finish: $(screen)"
}
type_line() { tmux -S "$TMUX_SOCK" send-keys -l -- "$1"; tmux -S "$TMUX_SOCK" send-keys Enter; }

# The half-block drawing (ink = light modules unless --invert) -> PGM, 4 px per module.
screen_qr_to_pgm() {  # screen_qr_to_pgm SCREEN.txt OUT.pgm [invert]
    python3 - "$1" "$2" "${3:-}" <<'PY'
import sys
screen, out, invert = sys.argv[1], sys.argv[2], sys.argv[3] == "invert"
ink = {"\u2588": (1, 1), "\u2580": (1, 0), "\u2584": (0, 1), " ": (0, 0)}
lines = open(screen, encoding="utf-8").read().split("\n")
block = []
for line in lines:
    if line.strip() and all(c in ink for c in line.strip(" ")) and any(c != " " for c in line):
        block.append(line)
    elif block:
        break
width = max(len(l) for l in block)
rows = []
for line in block:
    cells = [ink.get(c, (0, 0)) for c in line.ljust(width)]
    rows.append([c[0] for c in cells])
    rows.append([c[1] for c in cells])
scale, pad = 4, 8
side_w, side_h = (width + 2 * pad) * scale, (len(rows) + 2 * pad) * scale
def light(x, y):
    mx, my = x // scale - pad, y // scale - pad
    if 0 <= my < len(rows) and 0 <= mx < width:
        v = rows[my][mx]
        return not v if invert else v
    return True
with open(out, "wb") as f:
    f.write(b"P5\n%d %d\n255\n" % (side_w, side_h))
    f.write(bytes(255 if light(x, y) else 0 for y in range(side_h) for x in range(side_w)))
PY
}

seed_of() { ctl mfa-devices | python3 -c 'import json,sys; d=[x for x in json.load(sys.stdin) if x["serial"]==sys.argv[1]]; print(d[0]["seed_base32"] if d else "")' "$1"; }
devices_of_carol() { ctl mfa-devices | python3 -c 'import json,sys; print(len([x for x in json.load(sys.stdin) if x["serial"].endswith("/carol")]))'; }

mfa_needs() { need tmux; need zbarimg; need oathtool; }

test_provision_mfa_qr_enable_save_and_use() {
    mfa_needs
    start_server "$(mfa_world)"; mfa_profiles
    tmux_start "'$AWSUME' provision-mfa --profile carol --qr-png '$E2E_TMP/qr.png'"
    trap 'tmux_stop; e2e_cleanup' EXIT
    wait_screen "First code:"
    screen >"$E2E_TMP/screen.txt"
    screen_qr_to_pgm "$E2E_TMP/screen.txt" "$E2E_TMP/qr.pgm"
    uri=$(zbarimg --quiet --raw "$E2E_TMP/qr.pgm" 2>/dev/null) || fail "zbarimg could not read the screen: $(cat "$E2E_TMP/screen.txt")"
    seed=$(seed_of "$CAROL_MFA")
    [ -n "$seed" ] || fail "server has no device $CAROL_MFA"
    expect_eq "$uri" "otpauth://totp/AWS:carol@$ACCOUNT?secret=$seed&issuer=AWS" "decoded URI"
    expect_not_contains "$(cat "$E2E_TMP/screen.txt")" "$seed" "screen without --show-secret"
    # The PNG shows the same code.
    expect_perm "$E2E_TMP/qr.png" 600
    expect_eq "$(zbarimg --quiet --raw "$E2E_TMP/qr.png" 2>/dev/null)" "$uri" "PNG"
    # Two consecutive codes computed from what the QR code said: steps s-1 and s, so that
    # the next step s+1 is still unused (and current or near) for the exec below.
    secret=${uri#*secret=}; secret=${secret%%&*}
    now=$(date +%s)
    type_line "$(oathtool --totp -b --now="@$((now - 30))" "$secret")"
    wait_screen "Next code"
    type_line "$(oathtool --totp -b --now="@$now" "$secret")"
    expect_eq "$(wait_status)" 0 "exit status ($(screen))"
    expect_eq "$(devices_of_carol)" 1 "devices"
    # Config: exactly one line added (mfa_serial in [profile carol]), every other byte kept.
    diff "$E2E_TMP/config.before" "$HOME/.aws/config" >"$E2E_TMP/diff"
    expect_eq "$(grep -c '^[<>]' "$E2E_TMP/diff")" 1 "changed lines ($(cat "$E2E_TMP/diff"))"
    expect_eq "$(grep '^>' "$E2E_TMP/diff")" "> mfa_serial = $CAROL_MFA" "added line"
    awk '/^\[profile carol\]/{s=1;next} /^\[/{s=0} s && /^mfa_serial = /{found=1} END{exit !found}' \
        "$HOME/.aws/config" || fail "mfa_serial not in [profile carol]: $(cat "$HOME/.aws/config")"
    # The new device now guards the role: exec through an MFA session with a fresh code.
    code=$(oathtool --totp -b --now="@$((now + 30))" "$seed")
    expect_status 0 "$AWSUME" exec secure --mfa-code "$code" -- sh -c 'echo $AWS_ACCESS_KEY_ID'
    expect_eq "$(ctl credentials "$OUT" | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["role_arn"], c["mfa"])')" \
        "arn:aws:iam::$ACCOUNT:role/secure True" "handed-out role credentials"
    tmux_stop
}

test_provision_mfa_wrong_codes_leave_no_device() {
    mfa_needs
    start_server "$(mfa_world)"; mfa_profiles
    tmux_start "'$AWSUME' provision-mfa --profile carol"
    trap 'tmux_stop; e2e_cleanup' EXIT
    for pair in 1 2 3; do
        wait_count "First code:" $pair
        type_line "00000$pair"
        wait_count "Next code" $pair
        type_line "11111$pair"
    done
    expect_eq "$(wait_status)" 3 "exit status ($(screen))"
    expect_contains "$(screen)" "deleted the new MFA device $CAROL_MFA"
    expect_eq "$(devices_of_carol)" 0 "devices left on the server"
    cmp -s "$E2E_TMP/config.before" "$HOME/.aws/config" || fail "config changed"
    tmux_stop
}

test_provision_mfa_ctrl_c_deletes_device() {
    mfa_needs
    start_server "$(mfa_world)"; mfa_profiles
    tmux_start "'$AWSUME' provision-mfa --profile carol"
    trap 'tmux_stop; e2e_cleanup' EXIT
    wait_screen "First code:"
    expect_eq "$(devices_of_carol)" 1 "device while waiting"
    tmux -S "$TMUX_SOCK" send-keys C-c
    expect_eq "$(wait_status)" 130 "exit status ($(screen))"
    expect_eq "$(devices_of_carol)" 0 "devices left after Ctrl-C"
    tmux_stop
}

test_provision_mfa_refuses_role_profile_and_no_save_prints_line() {
    start_server "$(mfa_world)"; mfa_profiles
    expect_status 2 "$AWSUME" provision-mfa --profile secure
    expect_contains "$ERR" "role/secure"
    expect_eq "$(calls '*')" 0 "AWS calls for a refused profile"
}

test_provision_mfa_ascii_no_save_show_secret() {
    mfa_needs
    start_server "$(mfa_world)"; mfa_profiles
    tmux_start "LC_ALL=C LANG= '$AWSUME' provision-mfa --profile carol --no-save --show-secret"
    trap 'tmux_stop; e2e_cleanup' EXIT
    wait_screen "First code:"
    seed=$(seed_of "$CAROL_MFA")
    expect_contains "$(screen)" "$seed" "screen with --show-secret"
    expect_contains "$(screen)" "########" "ASCII drawing"
    expect_not_contains "$(screen)" $'\u2588' "ASCII drawing"
    now=$(date +%s)
    type_line "$(oathtool --totp -b --now="@$now" "$seed")"
    wait_screen "Next code"
    type_line "$(oathtool --totp -b --now="@$((now + 30))" "$seed")"
    expect_eq "$(wait_status)" 0 "exit status ($(screen))"
    expect_contains "$(screen)" "mfa_serial = $CAROL_MFA"
    cmp -s "$E2E_TMP/config.before" "$HOME/.aws/config" || fail "config changed with --no-save"
    tmux_stop
}

test_provision_mfa_without_terminal_exits_3_before_creating() {
    need setsid
    start_server "$(mfa_world)"; mfa_profiles
    expect_status 3 setsid -w "$AWSUME" provision-mfa --profile carol </dev/null
    expect_contains "$ERR" "needs a terminal"
    expect_eq "$(calls CreateVirtualMFADevice)" 0 "devices created without a terminal"
}
