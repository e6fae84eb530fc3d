#include <unistd.h>

#include <CLI/CLI.hpp>

#include "awsume_shell/cli/command.hpp"
#include "awsume_shell/config/aws_files.hpp"
#include "awsume_shell/config/sso_settings.hpp"
#include "awsume_shell/config/tool_settings.hpp"
#include "awsume_shell/credentials/client_options.hpp"
#include "awsume_shell/credentials/services.hpp"
#include "awsume_shell/credentials/sso_login.hpp"
#include "awsume_shell/util/display_text.hpp"
#include "awsume_shell/util/time_format.hpp"

namespace awsume_shell::cli {

namespace {

/// login [PROFILE | --sso-session NAME] [--no-browser]: `aws sso login` for awsume-shell,
/// sharing its token cache. It always signs in, as `aws sso login` does, unless another
/// awsume-shell was signing the same session in while we waited for it.
class LoginCommand final : public Command {
public:
    std::string_view name() const override { return "login"; }
    std::string_view summary() const override {
        return "sign in to IAM Identity Center (SSO) for a profile or an sso-session; the token is "
               "shared with the AWS CLI";
    }
    void setup(CLI::App& app) override {
        app.add_option("PROFILE", m_profile, "an SSO profile (default: $AWS_PROFILE, else default)");
        app.add_option("--sso-session", m_session, "sign in to this [sso-session NAME] of ~/.aws/config instead");
        app.add_flag("--no-browser", m_no_browser, "only print the URL and the code; open no browser");
        app.add_option("--config-file", m_config_file, "AWS config file (default ~/.aws/config)");
        app.add_option("--credentials-file", m_credentials_file,
                       "AWS credentials file (default ~/.aws/credentials)");
        app.add_flag("--debug")->description("trace to stderr, secrets redacted");
        app.footer("Usage: awsume-shell login [PROFILE | --sso-session NAME] [--no-browser]");
    }

    Result<int> run(Context& context) override {
        if (m_profile && m_session) {
            return make_error(Errc::usage, "login: give PROFILE or --sso-session NAME, not both");
        }
        const auto paths = config::locate_aws_files(context.env, m_config_file, m_credentials_file);
        TRY(config::ProfileSet profiles, config::load_profiles(paths));
        TRY(const config::SsoSettings sso, settings(profiles, context.env));

        TRY(const config::ToolSettings tool, config::load_tool_settings(context.env, context.cwd));
        const config::Profile* profile = sso.profile.empty() ? nullptr : profiles.find(sso.profile);
        const auto profile_value = [&](const char* key) {
            return profile != nullptr ? profile->get(key) : std::nullopt;
        };
        TRY(const aws::ClientOptions options,
            credentials::make_client_options({context.env, context.clock, context.log, tool},
                                             {sso.region, profile_value("endpoint_url"), profile_value("ca_bundle")}));
        credentials::LazyApi api(options);

        credentials::TerminalSignInUi ui(STDERR_FILENO, context.env, !m_no_browser);
        const std::string dir = cache::sso_cache_dir(context.env);
        const std::string path = cache::sso_token_path(dir, sso.token_key());
        const std::string before = current_access_token(path);
        bool waited = false;
        TRY(auto lock, credentials::lock_sign_in(sso, path, &ui, waited));
        if (waited) {  // another awsume-shell signed this session in while we waited
            auto token = cache::read_sso_token(path);
            if (token && *token && (*token)->fresh_at(context.clock.now()) &&
                (*token)->access_token != before) {
                context.log.info(util::printable(credentials::sso_session_words(sso)) +
                                 ": signed in by another awsume-shell; token in " + util::printable(path));
                return 0;
            }
        }
        TRY(auto* oidc, api.sso_oidc());
        credentials::SignInSleeper sleeper;
        TRY(const cache::SsoToken token,
            credentials::sign_in(sso, {*oidc, context.clock, sleeper, ui, context.log, dir}));
        context.log.info("signed in to " + util::printable(credentials::sso_session_words(sso)) + " until " +
                         util::format_iso8601(token.expires_at) + "; token written to " + util::printable(path) +
                         (token.refresh_token ? " (with a refresh token)" : ""));
        return 0;
    }

private:
    Result<config::SsoSettings> settings(const config::ProfileSet& profiles, const util::Env& env) const {
        if (m_session) {
            return config::sso_settings_of_session(profiles, *m_session);
        }
        const std::string name =
            m_profile.value_or(env.first_of({"AWS_PROFILE", "AWS_DEFAULT_PROFILE"}).value_or("default"));
        const config::Profile* profile = profiles.find(name);
        if (profile == nullptr) {
            if (profiles.problem()) {
                return unexpected(*profiles.problem());
            }
            return make_error(Errc::config, "profile '" + name + "' not found in " + profiles.paths.config);
        }
        if (!config::is_sso_profile(*profile)) {
            return make_error(Errc::config, "profile '" + name + "' (" + profile->origin() +
                                                ") is not an IAM Identity Center profile: it has no sso_session "
                                                "or sso_start_url");
        }
        return config::sso_settings_of_profile(profiles, *profile, config::SsoUse::sign_in);
    }

    static std::string current_access_token(const std::string& path) {
        auto token = cache::read_sso_token(path);
        return token && *token ? (*token)->access_token : std::string();
    }

    std::optional<std::string> m_profile;
    std::optional<std::string> m_session;
    std::optional<std::string> m_config_file;
    std::optional<std::string> m_credentials_file;
    bool m_no_browser = false;
};

}  // namespace

std::unique_ptr<Command> make_login_command() { return std::make_unique<LoginCommand>(); }

}  // namespace awsume_shell::cli
