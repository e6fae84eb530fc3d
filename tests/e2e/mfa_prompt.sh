# The MFA prompt on the terminal (issue 3): asked on /dev/tty, a code AWS rejects is asked
# again once, and the MFA session then serves later runs without a prompt.
source "$AWSUME_E2E_DIR/tmux_driver.sh"

test_rejected_code_is_asked_again_once() {
    need tmux; need oathtool
    start_server "$(standard_world)"; standard_profiles
    tmux_start p "$AWSUME" exec admin -- sh -c 'echo KEY=$AWS_ACCESS_KEY_ID >"$1"' _ "$E2E_TMP/key"
    tmux_wait p "Enter MFA code for $ALICE_MFA" 10 || fail "no prompt: $(tmux_capture p)"
    tmux_send p 000000
    tmux_wait p "MFA code rejected by AWS" 10 || fail "no second ask: $(tmux_capture p)"
    tmux_send p "$(totp $ALICE_SEED)"
    expect_eq "$(tmux_wait_exit p 15)" 0 "exit status"
    expect_contains "$(cat "$E2E_TMP/key")" "KEY=ASIA"
    expect_eq "$(calls GetSessionToken)" 2 "GetSessionToken calls (rejected, accepted)"
    tmux_stop
}

test_two_rejected_codes_exit_3() {
    need tmux
    start_server "$(standard_world)"; standard_profiles
    tmux_start p "$AWSUME" exec admin -- true
    tmux_wait p "Enter MFA code" 10 || fail "no prompt: $(tmux_capture p)"
    tmux_send p 000000
    tmux_wait p "MFA code rejected by AWS" 10 || fail "no second ask: $(tmux_capture p)"
    tmux_send p 111111
    expect_eq "$(tmux_wait_exit p 15)" 3 "exit status"
    expect_eq "$(find "$HOME/.awsume-shell" -name '*.json' 2>/dev/null | wc -l)" 0 "cache files"
    tmux_stop
}
