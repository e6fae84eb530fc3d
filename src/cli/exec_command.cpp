#include <CLI/CLI.hpp>

#include "awsume_shell/cli/credential_options.hpp"
#include "awsume_shell/cli/server_session.hpp"
#include "awsume_shell/output/exec.hpp"

namespace awsume_shell::cli {

namespace {

/// exec PROFILE -- CMD ARGS...: the command replaces awsume-shell (no waiting parent), so
/// signals, exit status and job control are the command's own.
class ExecCommand final : public Command {
public:
    std::string_view name() const override { return "exec"; }
    std::string_view summary() const override { return "run one command with the credentials"; }
    void setup(CLI::App& app) override {
        add_credential_options(app, m_options);
        add_server_options(app, m_server);
        app.footer("Usage: awsume-shell exec [OPTIONS] [PROFILE] -- COMMAND [ARGS...]");
    }
    bool takes_command_after_dashes() const override { return true; }
    void set_command(std::vector<std::string> command) override { m_command = std::move(command); }
    Result<int> run(Context& context) override {
        if (m_command.empty()) {
            return make_error(Errc::usage, "exec: no command given (awsume-shell exec PROFILE -- CMD ARGS...)");
        }
        if (m_server.on) {
            TRY_VOID(check_server_request(m_options));
        }
        TRY(auto session, obtain_session(m_options, context));
        const bool serve = server_wanted(m_server, session.settings, m_options);
        TRY(auto info, deliver_session(session, m_options, context));
        util::Env env = context.env;
        if (!serve) {
            output::apply(output::credential_environment(info), env);
            return output::exec_command(m_command, env);
        }
        // The server is forked before the exec and is the command's child from then on: it
        // ends with the command (process_companion.hpp), and the command keeps our pid,
        // signals and exit status as without --server.
        TRY(const auto server, start_session_server(session, info, m_options, context, ""));
        output::apply(output::server_environment(info, server), env);
        return output::exec_command(m_command, env);
    }

private:
    model::Request m_options;
    ServerChoice m_server;
    std::vector<std::string> m_command;
};

}  // namespace

std::unique_ptr<Command> make_exec_command() { return std::make_unique<ExecCommand>(); }

}  // namespace awsume_shell::cli
