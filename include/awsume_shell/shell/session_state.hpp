#pragma once
/// AWSUME_SHELL_SESSION: how to get this sub-shell's credentials again. Set by
/// `awsume-shell shell` in the sub-shell's environment, read by `refresh` and `status`,
/// and its presence refuses nesting. Holds only non-secret options (never an MFA code).
/// Encoded as a compact JSON object: {"v":1,"profile":"prod","role_arn":"...",...}.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::shell {

inline constexpr const char* k_session_variable = "AWSUME_SHELL_SESSION";

struct SessionState {
    std::string profile;  ///< may be empty with role_arn (the default profile is the source)
    std::optional<std::string> role_arn;
    std::optional<std::string> session_name;
    std::optional<long> role_duration;
    std::optional<long> session_duration;
    std::optional<std::string> config_file;
    std::optional<std::string> credentials_file;
    std::optional<std::string> region;
    /// -o and -a of the session: its refreshes write the output profile too and keep
    /// AWS_PROFILE pointing at it (issue 8 item 19).
    std::optional<std::string> output_profile;
    bool auto_refresh = false;
    /// Set when the session cannot be refreshed, and why (refresh says so at once).
    std::optional<std::string> refresh_blocker;

    bool operator==(const SessionState&) const = default;
};

std::string encode_session_state(const SessionState& state);
/// Errc::usage naming AWSUME_SHELL_SESSION when the text is not one of ours.
Result<SessionState> decode_session_state(std::string_view text);

/// The command-line options that ask for the same credentials again:
/// {"--role-arn", X, ..., PROFILE} (PROFILE last, omitted when empty).
std::vector<std::string> session_arguments(const SessionState& state);

/// The session this process runs in, from AWSUME_SHELL_SESSION; nullopt outside one.
Result<std::optional<SessionState>> current_session(const util::Env& env);

/// Errc::usage "already in an awsume-shell session for PROFILE; use --nested to start
/// another" when env is inside a session and nested is false.
Result<void> check_not_nested(const util::Env& env, bool nested);

}  // namespace awsume_shell::shell
