#include "awsume_shell/cli/mistyped_command.hpp"

#include <algorithm>

#include "awsume_shell/cli/command.hpp"
#include "awsume_shell/config/aws_files.hpp"
#include "awsume_shell/util/spellcheck.hpp"

namespace awsume_shell::cli {

namespace {

/// The value of `--NAME VALUE` or `--NAME=VALUE` in `args`, as CLI11 will read it later.
std::optional<std::string> option_value(const std::vector<std::string>& args, const std::string& name) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--") {
            break;
        }
        if (args[i] == name && i + 1 < args.size()) {
            return args[i + 1];
        }
        if (args[i].rfind(name + "=", 0) == 0) {
            return args[i].substr(name.size() + 1);
        }
    }
    return std::nullopt;
}

bool profile_exists(const std::string& name, const std::vector<std::string>& args, const util::Env& env) {
    const auto paths = config::locate_aws_files(env, option_value(args, "--config-file"),
                                                option_value(args, "--credentials-file"));
    auto profiles = config::load_profiles(paths);
    // Unreadable files: let the command that needs them say so, with file and line.
    return !profiles || profiles->find(name) != nullptr;
}

}  // namespace

std::optional<Error> mistyped_command(const std::vector<std::string>& args, const util::Env& env) {
    if (args.empty() || args.front().empty() || args.front()[0] == '-') {
        return std::nullopt;
    }
    const std::string& word = args.front();
    std::vector<std::string> names;
    for (const CommandEntry& entry : command_table()) {
        names.emplace_back(entry.name);
    }
    if (std::find(names.begin(), names.end(), word) != names.end()) {
        return std::nullopt;
    }
    const std::string suggestion = util::did_you_mean(word, names);
    if (suggestion.empty() || profile_exists(word, args, env)) {
        return std::nullopt;
    }
    return Error{Errc::usage,
                 "'" + word + "' is neither a command nor a profile" + suggestion +
                     " (a profile named like a command: awsume-shell shell NAME)",
                 ""};
}

}  // namespace awsume_shell::cli
