#!/bin/sh
# Writes templates.cpp to $1: every template of this folder (each file beside this script)
# as a raw string, with each line `# @part NAME` replaced by parts/NAME, so that logic the
# shells share is written once and pasted at build time, and the binary carries the
# templates and never reads the source tree at run time. Run by the build (CMake).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
self=$here/$(basename "$0")
out=${1:?usage: embed.sh OUTPUT.cpp}
delim=AWSUME_RC
work=$(mktemp -d "${TMPDIR:-/tmp}/embed.XXXXXX")
trap 'rm -rf "$work"' EXIT

# expand TEMPLATE > TEXT: the template with its parts pasted in.
expand() {
    awk -v parts="$here/parts" '
        /^# @part [A-Za-z0-9_.-]+$/ {
            file = parts "/" $3
            found = 0
            while ((status = (getline line < file)) > 0) {
                print line
                found = 1
            }
            close(file)
            if (status < 0 || !found) {
                print "embed.sh: " FILENAME ":" FNR ": no part " file > "/dev/stderr"
                exit 1
            }
            next
        }
        { print }
    ' "$1"
}

{
    cat <<'HEAD'
// GENERATED at build time by shellrc/embed.sh from shellrc/ (templates, parts/ pasted in).
#include "awsume_shell/shell/templates.hpp"

namespace awsume_shell::shell {

namespace {

constexpr EmbeddedTemplate k_templates[] = {
HEAD
    for f in "$here"/*; do
        [ -f "$f" ] && [ "$f" != "$self" ] || continue
        name=$(basename "$f")
        expand "$f" >"$work/text"
        if grep -q ")$delim\"" "$work/text"; then
            echo "embed.sh: $name contains the raw-string delimiter" >&2
            exit 1
        fi
        # The raw string holds the expanded text byte for byte: R"D( + text + )D".
        printf '    {"%s", R"%s(' "$name" "$delim"
        cat "$work/text"
        printf ')%s"},\n' "$delim"
    done
    cat <<'TAIL'
};

}  // namespace

std::span<const EmbeddedTemplate> embedded_templates() { return k_templates; }

}  // namespace awsume_shell::shell
TAIL
} >"$out.tmp"
mv "$out.tmp" "$out"
