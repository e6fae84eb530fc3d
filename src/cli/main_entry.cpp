#include <cxxabi.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <new>
#include <typeinfo>

#include "awsume_shell/cli/command.hpp"
#include "awsume_shell/cli/command_line.hpp"
#include "awsume_shell/cli/mistyped_command.hpp"

namespace awsume_shell::cli {

namespace {

std::string current_dir() {
    char buffer[PATH_MAX];
    return ::getcwd(buffer, sizeof buffer) ? std::string(buffer) : std::string(".");
}

std::string executable_path(const char* argv0) {
    char buffer[PATH_MAX];
    ssize_t n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
    if (n > 0) {
        return std::string(buffer, static_cast<size_t>(n));
    }
    return argv0;
}

/// The one decision on debug output, for every command: its --debug flag (each command
/// that traces has one), AWSUME_SHELL_DEBUG=1 or AWS_SESSION_DEBUG=1.
bool debug_wanted(const CLI::App& command, const util::Env& env) {
    const CLI::Option* flag = command.get_option_no_throw("--debug");
    auto on = [&](const char* name) { return env.get(name).value_or("0") == "1"; };
    return (flag != nullptr && flag->count() > 0) || on("AWSUME_SHELL_DEBUG") || on("AWS_SESSION_DEBUG");
}

}  // namespace

int main_entry(int argc, char** argv, char** envp) {
    util::SystemClock clock;
    Context context{util::Env::from_environ(envp), clock, util::Log(false), current_dir(),
                    executable_path(argv[0])};

    std::vector<std::string> args(argv + 1, argv + argc);
    if (auto typo = mistyped_command(args, context.env)) {
        context.log.error(typo->message);
        return exit_code_for(typo->code);
    }
    CommandLine line = split_command_line(std::move(args));

    CLI::App app{"awsume-shell: temporary AWS credentials in a sub-shell, a command or your shell",
                 "awsume-shell"};
    app.set_version_flag("--version", std::string("awsume-shell ") + AWSUME_SHELL_VERSION);
    app.require_subcommand(1);
    app.footer("A PROFILE alone starts a credentialed sub-shell: awsume-shell PROFILE");

    std::vector<std::unique_ptr<Command>> commands;
    for (const CommandEntry& entry : command_table()) {
        auto command = entry.make();
        if (line.command && line.args.front() == entry.name) {
            command->set_command(*line.command);
        }
        CLI::App* sub = app.add_subcommand(std::string(command->name()), std::string(command->summary()));
        command->setup(*sub);
        commands.push_back(std::move(command));
    }

    std::vector<const char*> cli_argv{"awsume-shell"};
    for (const auto& arg : line.args) {
        cli_argv.push_back(arg.c_str());
    }
    try {
        app.parse(static_cast<int>(cli_argv.size()), cli_argv.data());
    } catch (const CLI::Success& e) {
        return app.exit(e);  // --help, --version
    } catch (const CLI::ParseError& e) {
        std::string where = app.get_subcommands().empty() ? "" : app.get_subcommands().front()->get_name() + ": ";
        context.log.error(where + e.what() + " (see --help)");
        return exit_code_for(Errc::usage);
    }

    for (auto& command : commands) {
        if (app.got_subcommand(std::string(command->name()))) {
            context.log.set_debug(debug_wanted(*app.get_subcommand(std::string(command->name())), context.env));
            auto status = command->run(context);
            if (!status) {
                context.log.error(status.error().message);
                return exit_code_for(status.error().code);
            }
            return *status;
        }
    }
    return exit_code_for(Errc::usage);
}

namespace {

void internal_error(const std::string& what) {
    util::Log().error("internal error: " + what);
}

/// The exception's type, never its text: what() of a JSON or parse error quotes the input.
std::string exception_kind(const std::type_info& type) {
    int status = 0;
    char* name = abi::__cxa_demangle(type.name(), nullptr, nullptr, &status);
    std::string text = status == 0 && name ? name : type.name();
    std::free(name);
    return "unexpected " + text;
}

}  // namespace

int guarded_main_entry(int argc, char** argv, char** envp) noexcept {
    // An exception thrown where none may be (a destructor, a noexcept function).
    std::set_terminate([] {
        internal_error("terminated");
        std::_Exit(1);
    });
    try {
        return main_entry(argc, argv, envp);
    } catch (const std::bad_alloc&) {
        internal_error("out of memory");
    } catch (const std::exception& e) {
        internal_error(exception_kind(typeid(e)));
    } catch (...) {
        internal_error("unknown exception");
    }
    return 1;
}

}  // namespace awsume_shell::cli
