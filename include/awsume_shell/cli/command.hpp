#pragma once
/// Every command is a small class registered in one table (command_table.cpp), which drives
/// dispatch, --help and the completion scripts alike (ninja's -t table).
/// A command adds its options in setup() — bound to its own members — and does its work
/// in run(), after parsing, so that errors are reported once, in cli::main_entry.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "awsume_shell/util/clock.hpp"
#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/log.hpp"
#include "awsume_shell/util/result.hpp"

namespace CLI {
class App;
}

namespace awsume_shell::cli {

/// The world as main() found it, passed down instead of read from globals.
struct Context {
    util::Env env;
    const util::Clock& clock;
    util::Log log;
    std::string cwd;
    std::string self_path;  ///< absolute path of this executable (for rc files, completions)
};

class Command {
public:
    virtual ~Command() = default;
    virtual std::string_view name() const = 0;
    virtual std::string_view summary() const = 0;
    virtual void setup(CLI::App& app) = 0;
    /// Returns the process exit status (exec does not return on success).
    virtual Result<int> run(Context& context) = 0;
    /// Commands that run another command (exec) take everything after the first "--"
    /// verbatim: it is split off before option parsing, so that no word of it can be
    /// mistaken for PROFILE or an option.
    virtual bool takes_command_after_dashes() const { return false; }
    virtual void set_command(std::vector<std::string> /*command*/) {}
};

using CommandFactory = std::unique_ptr<Command> (*)();

struct CommandEntry {
    const char* name;
    CommandFactory make;
};

/// The table, in --help order.
const std::vector<CommandEntry>& command_table();

/// Factories, one per file in src/cli/.
std::unique_ptr<Command> make_shell_command();
std::unique_ptr<Command> make_exec_command();
std::unique_ptr<Command> make_export_command();
std::unique_ptr<Command> make_list_command();
std::unique_ptr<Command> make_refresh_command();
std::unique_ptr<Command> make_status_command();
std::unique_ptr<Command> make_provision_mfa_command();
std::unique_ptr<Command> make_login_command();
std::unique_ptr<Command> make_completion_command();
std::unique_ptr<Command> make_auto_refresh_command();

/// Parses argv, runs the chosen command, reports an error once and returns the exit code.
int main_entry(int argc, char** argv, char** envp);

/// main_entry behind a last-resort handler: an exception that escapes (out of memory, a
/// bug) is one line "awsume-shell: internal error: ..." and exit 1; never an abort or a
/// stack trace, never the exception's text (it may quote a secret it was parsing).
int guarded_main_entry(int argc, char** argv, char** envp) noexcept;

}  // namespace awsume_shell::cli
