#pragma once
/// argv before option parsing: the default command and the verbatim command after "--".
/// A pure function, so that the unit tests see exactly what cli::main_entry parses.

#include <optional>
#include <string>
#include <vector>

namespace awsume_shell::cli {

struct CommandLine {
    /// What the option parser reads: a command name first (`shell` when argv named none),
    /// or a top-level flag (`--help` for an empty argv).
    std::vector<std::string> args;
    /// For a command that runs another one (exec): the words after the first "--",
    /// verbatim; nullopt when there was no "--".
    std::optional<std::vector<std::string>> command;
};

/// `args` is argv without argv[0]. `awsume-shell prod` means `awsume-shell shell prod`:
/// anything that is not a command name or a top-level flag starts the sub-shell.
CommandLine split_command_line(std::vector<std::string> args);

}  // namespace awsume_shell::cli
