#include <unistd.h>

#include <CLI/CLI.hpp>

#include "awsume_shell/util/io.hpp"

#include "awsume_shell/cli/credential_options.hpp"
#include "awsume_shell/cli/server_session.hpp"
#include "awsume_shell/output/credentials_server.hpp"
#include "awsume_shell/output/export_format.hpp"
#include "awsume_shell/shell/session_state.hpp"

namespace awsume_shell::cli {

namespace {

/// The sub-shell's own credentials are no source for new ones: the session is resolved
/// again from the profile files, as when the shell started.
constexpr const char* k_session_variables[] = {
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
    "AWS_CREDENTIAL_EXPIRATION", "AWSUME_SHELL_EXPIRES", "AWSUME_PROFILE",
    // The sub-shell's own credentials server, when it has one.
    "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN"};

/// refresh [--format sh|fish] [-r] (the shell-evaluable formats): inside a sub-shell, print
/// the exports of fresh credentials for the session in AWSUME_SHELL_SESSION. The shell's
/// `aws` wrapper evals them; nothing is printed on failure, so the old credentials stay.
class RefreshCommand final : public Command {
public:
    std::string_view name() const override { return "refresh"; }
    std::string_view summary() const override {
        return "inside a sub-shell: print exports for fresh credentials of the session";
    }
    void setup(CLI::App& app) override {
        app.add_option("--format", m_format, output::export_format_names(true, ", ", " or ", " (default)"));
        app.add_flag("-r,--refresh", m_force, "ignore cached role credentials");
        app.add_flag("--debug")->description("trace to stderr (secrets redacted)");
    }
    Result<int> run(Context& context) override {
        TRY(const output::ExportFormat* format, output::parse_export_format(m_format));
        if (!format->shell_evaluable) {
            return make_error(Errc::usage, "refresh: --format must be " +
                                               output::export_format_names(true, ", ", " or "));
        }
        TRY(auto state, shell::current_session(context.env));
        if (!state) {
            return make_error(Errc::usage,
                              "refresh: not inside an awsume-shell sub-shell (AWSUME_SHELL_SESSION is not set)");
        }
        if (state->refresh_blocker) {
            return make_error(Errc::config, "refresh: this session cannot be refreshed: " +
                                                *state->refresh_blocker + " (keeping the current credentials)");
        }
        model::Request options = *state;
        options.refresh = m_force;

        Context clean = context;
        for (const char* name : k_session_variables) {
            clean.env.unset(name);
        }
        auto session = obtain_session(options, clean);
        if (!session) {
            // The shell's wrapper prints nothing more: say here that nothing was lost.
            Error error = session.error();
            error.message += " (keeping the current credentials)";
            return unexpected(error);
        }
        const auto server_dir = context.env.get(output::k_server_dir_variable);
        if (server_dir) {
            return hand_to_server(*server_dir, *session, *format);
        }
        TRY(auto info, deliver_session(*session, options, clean));
        TRY(auto text, output::format_exports(output::credential_environment(info), *format));
        TRY_VOID(util::write_all(STDOUT_FILENO, text));
        return 0;
    }

private:
    /// With a credentials server the new credentials are in the cache now: the server takes
    /// them from there, and the shell only learns their expiry (its prompt reads the
    /// server's state file anyway).
    static Result<int> hand_to_server(const std::string& dir, const Session& session,
                                      const output::ExportFormat& format) {
        // A renewal may take the server's renewal_timeout twice (one more when it was
        // asked during another): give up only after that.
        const int timeout_ms = static_cast<int>(server_renewal_timeout(session.settings) * 2 + 10) * 1000;
        auto expires = output::ask_server_to_renew(dir, timeout_ms);
        if (!expires) {
            Error error = expires.error();
            error.message = "refresh: " + error.message;
            return unexpected(error);
        }
        output::EnvChanges changes;
        changes.set.emplace_back("AWSUME_SHELL_EXPIRES", std::to_string(*expires));
        TRY(auto text, output::format_exports(changes, format));
        TRY_VOID(util::write_all(STDOUT_FILENO, text));
        return 0;
    }

    std::string m_format{output::export_formats().front().name};
    bool m_force = false;
};

}  // namespace

std::unique_ptr<Command> make_refresh_command() { return std::make_unique<RefreshCommand>(); }

}  // namespace awsume_shell::cli
