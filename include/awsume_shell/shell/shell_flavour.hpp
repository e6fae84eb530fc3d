#pragma once
/// The shells the sub-shell can be: one row each (src/shell/shell_flavours.cpp) says which
/// templates of shellrc/ become which rc files, how the shell is started so that it reads
/// them, and how $SHELL names it. The rc builder and the launcher only read rows, so a new
/// shell is its template(s) and one row.

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "awsume_shell/shell/templates.hpp"
#include "awsume_shell/util/env.hpp"

namespace awsume_shell::shell {

/// The values a template's @NAME@ placeholders are filled with.
using TemplateValues = std::map<std::string, std::string>;

struct RcFile {
    const char* name;           ///< in the rc folder: "bashrc", ".zshenv"; also @FILE@
    const char* template_name;  ///< under shellrc/: "bash.sh"
};

struct ShellFlavour {
    /// "bash": chosen when $SHELL's base name starts with it; listed as supported.
    const char* name;
    /// Written in this order into the rc folder.
    std::vector<RcFile> rc_files;
    /// Arguments after the shell's path; "{rc_dir}" in one stands for the rc folder.
    std::vector<const char*> arguments;
    /// Set to the rc folder in the shell's environment (zsh: ZDOTDIR), or nullptr.
    const char* rc_dir_variable = nullptr;
    /// How values are quoted in its templates.
    QuoteFunction quote = util::sh_quote;
    /// Values only its templates use (zsh: the user's own ZDOTDIR), or nullptr.
    void (*add_values)(const util::Env& env, TemplateValues& values) = nullptr;
};

/// The table, in the order "supported: ..." lists it.
std::span<const ShellFlavour> shell_flavours();

/// The row whose name is `name`, or nullptr.
const ShellFlavour* find_shell_flavour(std::string_view name);

}  // namespace awsume_shell::shell
