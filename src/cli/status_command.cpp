#include <CLI/CLI.hpp>
#include <iostream>

#include "awsume_shell/aws/api_loader.hpp"
#include "awsume_shell/cli/command.hpp"
#include "awsume_shell/config/tool_settings.hpp"
#include "awsume_shell/credentials/client_options.hpp"
#include "awsume_shell/output/credentials_server.hpp"
#include "awsume_shell/shell/session_state.hpp"
#include "awsume_shell/shell/time_left.hpp"
#include "awsume_shell/util/display_text.hpp"
#include "awsume_shell/util/region.hpp"
#include "awsume_shell/util/time_format.hpp"

namespace awsume_shell::cli {

namespace {

/// status: inside a sub-shell, the profile, who AWS says we are (GetCallerIdentity with
/// the shell's credentials), the expiry and the time left.
class StatusCommand final : public Command {
public:
    std::string_view name() const override { return "status"; }
    std::string_view summary() const override {
        return "inside a sub-shell: profile, caller ARN, expiry and time left";
    }
    void setup(CLI::App& app) override {
        app.add_flag("--debug")->description("trace to stderr (secrets redacted)");
    }
    Result<int> run(Context& context) override {
        const util::Env& env = context.env;
        TRY(auto state, shell::current_session(env));
        if (!state) {
            return make_error(Errc::usage,
                              "status: not inside an awsume-shell sub-shell (AWSUME_SHELL_SESSION is not set)");
        }
        std::cout << "profile:   " << util::printable(env.get("AWSUME_PROFILE").value_or(state->profile)) << "\n";
        model::Credentials creds;
        std::optional<util::UnixTime> expires;
        if (auto server_dir = env.get(output::k_server_dir_variable)) {
            // The credentials the SDKs get now, from the sub-shell's server.
            auto served = output::ask_server_for_credentials(*server_dir, 5000);
            if (!served) {
                return make_error(Errc::io, "status: " + served.error().message);
            }
            creds = *served;
            expires = creds.expiration;
        } else {
            if (auto text = env.get("AWSUME_SHELL_EXPIRES")) {
                try {
                    expires = std::stoll(*text);
                } catch (const std::exception&) {
                    return make_error(Errc::usage, "status: AWSUME_SHELL_EXPIRES is not a number: " + *text);
                }
            }
            creds.access_key_id = env.get("AWS_ACCESS_KEY_ID").value_or("");
            creds.secret_access_key = env.get("AWS_SECRET_ACCESS_KEY").value_or("");
            creds.session_token = env.get("AWS_SESSION_TOKEN").value_or("");
        }
        if (expires) {
            long left = static_cast<long>(*expires - context.clock.now());
            std::cout << "expires:   " << util::format_iso8601(*expires) << "\n"
                      << "time left: " << shell::format_time_left(left) << "\n";
        } else {
            std::cout << "expires:   never (long-term keys)\n";
        }
        std::cout.flush();

        if (creds.access_key_id.empty() || creds.secret_access_key.empty()) {
            return make_error(Errc::usage, "status: AWS_ACCESS_KEY_ID or AWS_SECRET_ACCESS_KEY is not set");
        }
        TRY(auto region, util::region_from_env(env));
        TRY(const config::ToolSettings settings, config::load_tool_settings(context.env, context.cwd));
        credentials::AwsTarget target;
        target.region = region.value_or("");
        TRY(const aws::ClientOptions options,
            credentials::make_client_options({env, context.clock, context.log, settings}, target));
        TRY(auto clients, aws::load_clients(options));
        TRY(auto identity, clients.sts->get_caller_identity(creds));
        std::cout << "arn:       " << identity.arn << "\n"
                  << "account:   " << identity.account << "\n";
        return 0;
    }
};

}  // namespace

std::unique_ptr<Command> make_status_command() { return std::make_unique<StatusCommand>(); }

}  // namespace awsume_shell::cli
