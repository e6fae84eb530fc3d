#pragma once
/// What the user asks for: the one value that flows argv -> profile resolution -> providers
/// -> output. The command line fills it (cli/credential_options binds CLI11 to its fields),
/// the credential pipeline reads it, and a sub-shell (AWSUME_SHELL_SESSION) and the -a
/// refresher carry it, encoded as JSON, to ask for the same credentials again later.

#include <optional>
#include <string>
#include <string_view>

#include "awsume_shell/util/result.hpp"

namespace awsume_shell::model {

/// The variable a sub-shell carries its request in; its name is in every decode error.
inline constexpr const char* k_session_variable = "AWSUME_SHELL_SESSION";

/// The limits of the lifetimes, as AWS sets them (AssumeRole, GetSessionToken): checked
/// on the command line and when a request is decoded, before a call is spent on them.
struct SecondsRange {
    int min;
    int max;
    bool contains(long long value) const { return value >= min && value <= max; }
};
inline constexpr SecondsRange k_role_duration_range{900, 43200};
inline constexpr SecondsRange k_session_duration_range{900, 129600};

struct Request {
    // Encoded: what identifies the credentials.
    std::string profile;  ///< may be empty with role_arn (the default profile is the source)
    std::optional<std::string> role_arn;
    std::optional<std::string> session_name;
    std::optional<int> role_duration;
    std::optional<int> session_duration;
    std::optional<std::string> config_file;
    std::optional<std::string> credentials_file;
    std::optional<std::string> region;
    /// -o and -a: a sub-shell's refreshes write the output profile too and keep
    /// AWS_PROFILE pointing at it; the -a refresher writes it until the source expires.
    std::optional<std::string> output_profile;
    bool auto_refresh = false;
    /// Set by the sub-shell when its session cannot be obtained again, and why (its
    /// refresh says so at once instead of failing later).
    std::optional<std::string> refresh_blocker;

    // This run only, never encoded: an MFA code is a secret and single-use, -r is asked for
    // again by each refresh.
    std::optional<std::string> mfa_code;
    bool refresh = false;  ///< -r: ignore cached role credentials
    /// The -a refresher's renewals: -r for the roles, not for an SSO source behind them
    /// (renewing a role must not need an SSO token while the source's credentials live).
    bool keep_cached_sources = false;

    bool operator==(const Request&) const = default;
};

/// Compact JSON, keys sorted: {"profile":"prod","role_arn":"...","v":1}. Only the encoded
/// fields above; auto_refresh only with an output profile (-a alone names its profile once
/// the credentials are known, see credentials::default_output_profile).
std::string encode_request(const Request& request);

/// The inverse of encode_request, strict: text that is not a JSON object, another version,
/// a key encode_request never writes, a wrong type, a lifetime out of range or neither a
/// profile nor a role is Errc::usage naming AWSUME_SHELL_SESSION.
Result<Request> decode_request(std::string_view text);

}  // namespace awsume_shell::model
