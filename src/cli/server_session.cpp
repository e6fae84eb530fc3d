#include "awsume_shell/cli/server_session.hpp"

#include <CLI/CLI.hpp>

#include "awsume_shell/config/aws_files.hpp"

namespace awsume_shell::cli {

void add_server_options(CLI::App& app, ServerChoice& choice) {
    auto* on = app.add_flag("--server", choice.on,
                            "serve the credentials on 127.0.0.1 in the ECS container format; SDKs renew them themselves");
    app.add_flag("--no-server", choice.off, "no credentials server, whatever credential_server says")->excludes(on);
}

bool server_wanted(const ServerChoice& choice, const config::ToolSettings& settings, const model::Request& request) {
    if (choice.off) {
        return false;
    }
    return choice.on || (settings.credential_server && !request.output_profile && !request.auto_refresh);
}

long server_renewal_timeout(const config::ToolSettings& settings) { return settings.network_timeout * 2 + 30; }

Result<void> check_server_request(const model::Request& request) {
    if (request.output_profile || request.auto_refresh) {
        return make_error(Errc::usage, std::string("--server cannot be combined with ") +
                                           (request.output_profile ? "-o/--output-profile" : "-a/--auto-refresh") +
                                           ": the SDKs ask the server, which renews the credentials itself");
    }
    return {};
}

namespace {

/// Every SDK's chain reads the shared files before it asks a container endpoint: a
/// [default] profile that yields credentials of its own would win over the server.
void warn_about_default_profile(const Context& context) {
    const auto paths = config::locate_aws_files(context.env, std::nullopt, std::nullopt);
    auto profiles = config::load_profiles(paths);
    if (!profiles) {
        return;
    }
    const config::Profile* fallback = profiles->find("default");
    if (fallback == nullptr) {
        return;
    }
    for (const char* key : {"aws_access_key_id", "credential_process", "role_arn", "sso_session", "sso_start_url",
                            "web_identity_token_file"}) {
        if (fallback->get(key)) {
            context.log.warning("the [default] profile has " + std::string(key) + " (" + fallback->origin(key) +
                                "): SDKs prefer it to the credentials server; see docs/server.md");
            return;
        }
    }
}

}  // namespace

Result<output::RunningServer> start_session_server(const Session& session, const output::SessionInfo& info,
                                                   const model::Request& request, Context& context,
                                                   const std::string& state_dir) {
    model::Request renewal = request;
    renewal.mfa_code.reset();  // spent; renewals go through the cached MFA session
    renewal.keep_cached_sources = true;

    output::ServerSpec spec;
    spec.profile = info.profile;
    spec.credentials = info.credentials;
    spec.refresh_before_expiry = session.settings.refresh_before_expiry;
    spec.renewal_timeout = server_renewal_timeout(session.settings);
    spec.state_dir = state_dir;
    spec.refresh_hint = state_dir.empty()
                            ? "in an awsume-shell sub-shell, or run any awsume-shell command for '" + info.profile +
                                  "' in a terminal"
                            : "in this sub-shell";
    spec.keep_stderr = context.log.debug_enabled();
    // Runs in the server's worker processes (forks of this one): `context` is their copy.
    spec.renew = [renewal, &context](bool from_cache) -> Result<model::Credentials> {
        model::Request again = renewal;
        again.refresh = !from_cache;
        TRY(const Session renewed, obtain_session(again, context));
        return renewed.obtained.credentials;
    };
    warn_about_default_profile(context);
    return output::start_credentials_server(spec);
}

}  // namespace awsume_shell::cli
