#!/usr/bin/env bash
# Keeps docs/reference.md true to the code: fails, naming what is missing, when
# - a command of `awsume-shell --help` has no "### `CMD`" section, or an option of
#   `awsume-shell CMD --help` is not in that section (nor in "## Credential options", for
#   a command whose section says "all the [credential options](#credential-options)");
# - a setting of src/config/tool_settings.cpp's key table is not in the "Settings" section;
# - an AWS_* / AWSUME_* variable named in src/, include/ or shellrc/ is not in the page;
# - an Errc of include/awsume_shell/util/result.hpp is not in the "Exit codes" section.
# Usage: tests/check_reference.sh PATH/TO/awsume-shell   (ctest runs it: reference_doc)
set -u
binary=${1:?usage: check_reference.sh PATH/TO/awsume-shell}
root=$(cd "$(dirname "$0")/.." && pwd)
doc=$root/docs/reference.md
missing=0
if [ ! -f "$doc" ]; then
    echo "check_reference: $doc does not exist" >&2
    exit 1
fi

fail() {
    echo "docs/reference.md: $*" >&2
    missing=$((missing + 1))
}

# The text of the section whose heading line is exactly $1, up to the next heading of the
# same or a higher level.
section() {
    awk -v head="$1" '
        $0 == head { on = 1; level = index($0, " "); next }
        on && /^#+ / && index($0, " ") <= level { exit }
        on { print }' "$doc"
}

shared=$(section '## Credential options')
[ -n "$shared" ] || fail "no '## Credential options' section"

commands=$("$binary" --help | awk '/^Subcommands:/ { on = 1; next } on && !NF { exit } on { print $1 }')
[ -n "$commands" ] || fail "no command found in '$binary --help'"
for cmd in $commands; do
    text=$(section "### \`$cmd\`")
    if [ -z "$text" ]; then
        fail "no '### \`$cmd\`' section"
        continue
    fi
    case $text in
        *'all the [credential options](#credential-options)'*) text="$text$shared" ;;
    esac
    # Option names at the start of each option line of the command's --help, -h aside.
    options=$("$binary" "$cmd" --help |
        awk '/^Options:/ { on = 1; next } /^[^ ]/ { on = 0 } on && /^  -/ { print $1 }' |
        tr ',' '\n' | grep -v '^-h$\|^--help$')
    for option in $options; do
        case $text in
            *"\`$option"[\ \`=]*) ;;
            *) fail "$cmd: option $option is not in its section" ;;
        esac
    done
done

# require_named TEXT FORMAT NAME...: each NAME must stand in TEXT as `NAME`; FORMAT (with
# one %s) says what is missing.
require_named() {
    local text=$1 format=$2 name
    shift 2
    for name in "$@"; do
        case $text in
            *"\`$name\`"*) ;;
            *) fail "$(printf "$format" "$name")" ;;
        esac
    done
}

settings=$(sed -n 's/^ *{"\([a-z_]*\)",.*/\1/p' "$root/src/config/tool_settings.cpp")
[ -n "$settings" ] || fail "no setting found in src/config/tool_settings.cpp"
# shellcheck disable=SC2086 # one name a word
require_named "$(section '## Settings')" "setting %s is not in the Settings section" $settings

variables=$(grep -rhoE '"(AWS|AWSUME)_[A-Z0-9_]+"' "$root/src" "$root/include" | tr -d '"'
            grep -rhoE '\bAWSUME_SHELL_[A-Z_]+\b' "$root/shellrc")
# shellcheck disable=SC2046 # one name a word
require_named "$(cat "$doc")" "environment variable %s is not in the page" $(printf '%s\n' "$variables" | sort -u)

errcs=$(sed -n '/^enum class Errc/,/^};/s/^ *\([a-z_]*\),.*/\1/p' "$root/include/awsume_shell/util/result.hpp")
[ -n "$errcs" ] || fail "no Errc found in include/awsume_shell/util/result.hpp"
# shellcheck disable=SC2086
require_named "$(section '## Exit codes')" "Errc::%s is not in the Exit codes section" $errcs

if [ "$missing" -ne 0 ]; then
    echo "check_reference: $missing item(s) of the code missing from docs/reference.md" >&2
    exit 1
fi
echo "check_reference: docs/reference.md names every command, option, setting, variable and exit code"
