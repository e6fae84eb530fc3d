#include <time.h>

#include <CLI/CLI.hpp>

#include "awsume_shell/cli/credential_options.hpp"
#include "awsume_shell/cli/server_session.hpp"
#include "awsume_shell/shell/session_state.hpp"
#include "awsume_shell/shell/subshell.hpp"
#include "awsume_shell/shell/time_left.hpp"
#include "awsume_shell/util/atomic_file.hpp"

namespace awsume_shell::cli {

namespace {

std::string local_clock_time(util::UnixTime t) {
    time_t value = static_cast<time_t>(t);
    struct tm local {};
    char text[16] = "";
    if (::localtime_r(&value, &local) != nullptr) {
        ::strftime(text, sizeof text, "%H:%M", &local);
    }
    return text;
}

/// shell PROFILE (also `awsume-shell PROFILE`): the user's $SHELL with the credentials, a
/// countdown prompt and `aws` wrappers that refresh; see docs/shell.md.
class ShellCommand final : public Command {
public:
    std::string_view name() const override { return "shell"; }
    std::string_view summary() const override {
        return "enter a sub-shell with the credentials (the default command)";
    }
    void setup(CLI::App& app) override {
        add_credential_options(app, m_options);
        app.add_flag("--nested", m_nested, "allow a sub-shell inside an awsume-shell sub-shell");
        add_server_options(app, m_server);
    }
    Result<int> run(Context& context) override {
        // Both checks come before any MFA prompt.
        TRY_VOID(shell::check_not_nested(context.env, m_nested));
        TRY_VOID(shell::detect_shell(context.env));
        if (m_server.on) {
            TRY_VOID(check_server_request(m_options));
        }
        TRY(auto session, obtain_session(m_options, context));
        TRY(auto info, deliver_session(session, m_options, context));
        util::Env env = context.env;
        ServedShell served;
        if (server_wanted(m_server, session.settings, m_options)) {
            TRY(served.dir, util::make_private_temp_dir(context.env, "awsume-shell-server"));
            TRY(served.server, start_session_server(session, info, m_options, context, served.dir));
            output::apply(output::server_environment(info, *served.server), env);
            env.set(output::k_server_dir_variable, served.dir);
            context.log.debug("credentials server at " + served.server->url + " (pid " +
                              std::to_string(served.server->pid) + ")");
        } else {
            output::apply(output::credential_environment(info), env);
        }

        shell::SubshellSpec spec;
        spec.profile = info.profile;
        spec.expires = info.credentials.expiration;
        // The cache's rule (model::refresh_margin_for), or the wrapper would refresh
        // short-lived credentials that the cache still hands out as fresh.
        spec.refresh_before_expiry = model::refresh_margin_for(
            session.settings.refresh_before_expiry, info.credentials.lifetime());
        spec.wrap_commands = session.settings.wrap_commands;
        spec.prompt_format = session.settings.prompt_format;
        spec.self_path = context.self_path;
        model::Request state = m_options;
        if (!session.obtained.refresh_blocker.empty()) {
            state.refresh_blocker = session.obtained.refresh_blocker;
        }
        spec.session_state = model::encode_request(state);
        spec.now = context.clock.now();
        if (served.server) {
            spec.server_state = output::server_state_file(served.dir);
        }
        if (spec.expires) {
            const std::string& how = session.obtained.description;
            const char* what = how.rfind("role ", 0) == 0          ? "role credentials"
                               : how.rfind("MFA session", 0) == 0 ? "MFA session credentials"
                                                                  : "credentials";
            context.log.info("[" + info.profile + "] " + what + " expire at " +
                             local_clock_time(*spec.expires) + " (in " +
                             shell::format_time_left(static_cast<long>(*spec.expires - spec.now)) + ")");
        }
        if (state.refresh_blocker && spec.expires) {
            context.log.info("[" + info.profile + "] this session cannot be refreshed: " +
                             *state.refresh_blocker + "; start awsume-shell again before " +
                             local_clock_time(*spec.expires));
        }
        return shell::run_subshell(spec, env);
    }

private:
    /// The sub-shell's credentials server and its folder, ended and removed after the shell.
    struct ServedShell {
        std::string dir;
        std::optional<output::RunningServer> server;
        ServedShell() = default;
        ServedShell(const ServedShell&) = delete;
        ServedShell& operator=(const ServedShell&) = delete;
        ~ServedShell() {
            if (server) {
                output::stop_credentials_server(*server);
            }
            if (!dir.empty()) {
                shell::remove_rc_dir(dir);
            }
        }
    };

    model::Request m_options;
    ServerChoice m_server;
    bool m_nested = false;
};

}  // namespace

std::unique_ptr<Command> make_shell_command() { return std::make_unique<ShellCommand>(); }

}  // namespace awsume_shell::cli
