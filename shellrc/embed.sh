#!/bin/sh
# Writes templates.cpp (the templates in this folder as raw strings) to $1, so the binary
# carries them and never reads the source tree at run time. Run by the build (CMake).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: embed.sh OUTPUT.cpp}
delim=AWSUME_RC
for f in bash.sh zsh.sh zsh_startup.sh; do
    if grep -q ")$delim\"" "$here/$f"; then
        echo "embed.sh: $f contains the raw-string delimiter" >&2
        exit 1
    fi
done
emit() {
    # The raw string holds the file byte for byte: R"D( + file + )D".
    printf 'constexpr std::string_view %s = R"%s(' "$1" "$delim"
    cat "$here/$2"
    printf ')%s";\n\n' "$delim"
}
{
    cat <<'HEAD'
// GENERATED at build time by shellrc/embed.sh from shellrc/*.sh.
#include "awsume_shell/shell/templates.hpp"

namespace awsume_shell::shell {

namespace {

HEAD
    emit k_bash bash.sh
    emit k_zsh zsh.sh
    emit k_zsh_startup zsh_startup.sh
    cat <<'TAIL'
}  // namespace

const char* template_file_name(TemplateId id) {
    switch (id) {
    case TemplateId::bash:
        return "bash.sh";
    case TemplateId::zsh:
        return "zsh.sh";
    case TemplateId::zsh_startup:
        return "zsh_startup.sh";
    }
    return "";
}

std::string_view template_text(TemplateId id) {
    switch (id) {
    case TemplateId::bash:
        return k_bash;
    case TemplateId::zsh:
        return k_zsh;
    case TemplateId::zsh_startup:
        return k_zsh_startup;
    }
    return {};
}

}  // namespace awsume_shell::shell
TAIL
} >"$out.tmp"
mv "$out.tmp" "$out"
