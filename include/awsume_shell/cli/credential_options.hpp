#pragma once
/// The options shared by shell, exec and export (the contract's "Options" table), and the
/// step from them to a credential request.

#include <optional>
#include <string>

#include "awsume_shell/cli/command.hpp"
#include "awsume_shell/config/tool_settings.hpp"
#include "awsume_shell/credentials/request.hpp"
#include "awsume_shell/shell/session_state.hpp"

namespace awsume_shell::cli {

struct CredentialOptions {
    std::string profile;
    std::optional<std::string> role_arn;
    std::optional<std::string> session_name;
    std::optional<int> role_duration;
    std::optional<int> session_duration;
    std::optional<std::string> mfa_code;
    std::optional<std::string> config_file;
    std::optional<std::string> credentials_file;
    std::optional<std::string> region;
    std::optional<std::string> output_profile;
    bool auto_refresh = false;
    bool refresh = false;
    bool debug = false;
};

/// Adds the options (and the PROFILE positional unless `with_profile` is false).
void add_credential_options(CLI::App& app, CredentialOptions& options, bool with_profile = true);

/// Turns on debug output from --debug or AWSUME_SHELL_DEBUG=1 / AWS_SESSION_DEBUG=1.
void apply_debug_setting(Context& context, bool debug_flag);

credentials::Request to_request(const CredentialOptions& options);

/// What a sub-shell's `refresh` and the -a refresher need to ask for the same credentials
/// again: the non-secret options (never the MFA code), -o and -a included.
shell::SessionState session_state_from(const CredentialOptions& options);
CredentialOptions options_from(const shell::SessionState& state);

/// Tool settings, then the whole credential pipeline.
struct Session {
    config::ToolSettings settings;
    credentials::Obtained obtained;
};
Result<Session> obtain_session(const CredentialOptions& options, Context& context);

}  // namespace awsume_shell::cli

#include "awsume_shell/output/environment.hpp"
#include "awsume_shell/output/profile_writer.hpp"

namespace awsume_shell::cli {

/// The output stage's view of the session; writes the -o profile when asked (and starts the
/// -a refresher), so every command that hands out credentials does the same.
Result<output::SessionInfo> deliver_session(const Session& session, const CredentialOptions& options,
                                            Context& context);

}  // namespace awsume_shell::cli
