# Issue 8, items 18-20, 22, 24: the -a refresher, signals at the sub-shell and at
# provision-mfa's prompt, Environment-sourced sub-shells, prompt prefixes.
source "$AWSUME_E2E_DIR/tmux_driver.sh"
source "$AWSUME_E2E_DIR/subshell_helpers.sh"

# The awsume-shell processes of this test (their HOME is the test's own): found by their
# environment, never by a name pattern, so that nothing else of the user's is touched.
own_pids() {
    local pid
    for pid in $(pgrep -u "$(id -u)" -x awsume-shell); do
        tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF "HOME=$HOME" && echo "$pid"
    done
}
stop_own_refreshers() {
    local pid
    for pid in $(own_pids); do kill "$pid" 2>/dev/null; done
}

# --- item 18: credentials that are expired or about to expire ------------------------
test_expired_credentials_are_an_error_and_not_cached() {
    start_server "$(standard_world)"; standard_profiles
    ctl settings '{"credential_lifetime": -10}' >/dev/null
    expect_status 1 "$AWSUME" export partner
    expect_contains "$ERR" "awsume-shell: "
    expect_contains "$ERR" "expire"
    expect_eq "$OUT" "" "stdout"
    [ -z "$(ls -A "$HOME/.awsume-shell/cache" 2>/dev/null | grep -v '\.lock$')" ] ||
        fail "expired credentials were cached: $(ls -A "$HOME/.awsume-shell/cache")"
    # Less than a minute left is refused too.
    ctl settings '{"credential_lifetime": 30}' >/dev/null
    expect_status 1 "$AWSUME" export partner
    expect_contains "$ERR" "expire"
    # Sound credentials afterwards are fetched (nothing bad was kept).
    ctl settings '{"credential_lifetime": null}' >/dev/null
    expect_status 0 "$AWSUME" export partner
}

test_auto_refresh_does_not_busy_loop_on_short_credentials() {
    trap 'stop_own_refreshers; e2e_cleanup' EXIT
    start_server "$(standard_world)"; standard_profiles
    # 120 s credentials: less than the 5 min refresh margin is left from the start.
    ctl settings '{"credential_lifetime": 120}' >/dev/null
    expect_status 0 "$AWSUME" exec partner -o partner-out -a -- true
    # The refresher waits its floor (30 s) before the first renewal; in 3 s it makes none.
    sleep 3
    expect_eq "$(calls AssumeRole)" 1 "AssumeRole calls after 3 s"
}
