#include "awsume_shell/cli/command_line.hpp"

#include <algorithm>

#include "awsume_shell/cli/command.hpp"

namespace awsume_shell::cli {

namespace {

const CommandEntry* find_command(const std::string& word) {
    const auto& table = command_table();
    auto it = std::find_if(table.begin(), table.end(),
                           [&](const CommandEntry& entry) { return word == entry.name; });
    return it == table.end() ? nullptr : &*it;
}

}  // namespace

CommandLine split_command_line(std::vector<std::string> args) {
    CommandLine line;
    if (args.empty()) {
        line.args.push_back("--help");
        return line;
    }
    const std::string& first = args.front();
    const CommandEntry* entry = find_command(first);
    if (!entry && first != "--help" && first != "-h" && first != "--version") {
        args.insert(args.begin(), "shell");
        entry = find_command("shell");
    }
    if (entry && entry->make()->takes_command_after_dashes()) {
        auto dashes = std::find(args.begin(), args.end(), "--");
        if (dashes != args.end()) {
            line.command = std::vector<std::string>(dashes + 1, args.end());
            args.erase(dashes, args.end());
        }
    }
    line.args = std::move(args);
    return line;
}

}  // namespace awsume_shell::cli
