#include <CLI/CLI.hpp>

#include "awsume_shell/cli/credential_options.hpp"
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
        app.footer("Usage: awsume-shell exec [OPTIONS] [PROFILE] -- COMMAND [ARGS...]");
    }
    bool takes_command_after_dashes() const override { return true; }
    void set_command(std::vector<std::string> command) override { m_command = std::move(command); }
    Result<int> run(Context& context) override {
        if (m_command.empty()) {
            return make_error(Errc::usage, "exec: no command given (awsume-shell exec PROFILE -- CMD ARGS...)");
        }
        TRY(auto session, obtain_session(m_options, context));
        TRY(auto info, deliver_session(session, m_options, context));
        util::Env env = context.env;
        output::apply(output::credential_environment(info), env);
        return output::exec_command(m_command, env);
    }

private:
    model::Request m_options;
    std::vector<std::string> m_command;
};

}  // namespace

std::unique_ptr<Command> make_exec_command() { return std::make_unique<ExecCommand>(); }

}  // namespace awsume_shell::cli
