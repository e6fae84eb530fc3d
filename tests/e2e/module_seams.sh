# The boundary between the binary and libawsume-shell-aws.so: a module from another build
# (an old install beside a new binary) is refused with one line and exit 1 before any of
# its other symbols is called, since calling into it would be undefined behaviour.

# A stand-in module built here with cc: it exports the version symbol with the text given
# (or, with no text, no version symbol at all, as a module from before versioning), and a
# factory that must never be reached.
fake_module() {  # fake_module PATH [VERSION_TEXT]
    need cc
    {
        if [ -n "${2:-}" ]; then
            printf 'const char* awsume_shell_aws_module_version(void) { return "%s"; }\n' "$2"
        fi
        printf '#include <stdlib.h>\nvoid* awsume_shell_create_aws_api(const void* o) { (void)o; abort(); }\n'
        printf 'void* awsume_shell_create_aws_clients(const void* o, void* out) { (void)o; (void)out; abort(); }\n'
    } >"$1.c"
    cc -shared -fPIC -o "$1" "$1.c" || fail "cannot build the stand-in module"
}

test_module_from_another_version_is_refused_with_one_line() {
    start_server "$(standard_world)"; standard_profiles
    fake_module "$E2E_TMP/old.so" "awsume-shell 0.0.1, module ABI 0"
    expect_status 1 env AWSUME_SHELL_AWS_MODULE="$E2E_TMP/old.so" "$AWSUME" exec partner -- true
    expect_eq "$(printf '%s\n' "$ERR" | wc -l)" 1 "stderr lines ($ERR)"
    expect_contains "$ERR" "awsume-shell: the AWS module $E2E_TMP/old.so is from another build (awsume-shell 0.0.1, module ABI 0; this binary: awsume-shell "
    expect_contains "$ERR" "): install the binary and its module from the same build"
    expect_eq "$(total_calls)" 0 "calls to AWS"
}

test_module_without_a_version_is_refused_with_one_line() {
    start_server "$(standard_world)"; standard_profiles
    fake_module "$E2E_TMP/older.so"
    expect_status 1 env AWSUME_SHELL_AWS_MODULE="$E2E_TMP/older.so" "$AWSUME" export partner --format json
    expect_eq "$(printf '%s\n' "$ERR" | wc -l)" 1 "stderr lines ($ERR)"
    expect_contains "$ERR" "awsume-shell: the AWS module $E2E_TMP/older.so is from another build (no version; this binary: awsume-shell "
}

# The check costs nothing where no AWS call is made: keys that need no call never open
# the module, whatever it is.
test_module_version_not_checked_without_a_call() {
    standard_profiles
    fake_module "$E2E_TMP/old.so" "awsume-shell 0.0.1, module ABI 0"
    expect_status 0 env AWSUME_SHELL_AWS_MODULE="$E2E_TMP/old.so" "$AWSUME" exec bob -- true
}
