#pragma once
/// Turns a resolved profile chain into a tree of providers, deciding at each hop what
/// awsume and the AWS CLI would do (MFA session or MFA on AssumeRole, the one-hour cap on
/// chained roles, which credentials are cached) and logging why under --debug.

#include <memory>
#include <optional>
#include <string>

#include "awsume_shell/config/profile_resolver.hpp"
#include "awsume_shell/credentials/provider.hpp"
#include "awsume_shell/credentials/services.hpp"

namespace awsume_shell::credentials {

struct ChainOptions {
    std::optional<std::string> session_name;   ///< --session-name, for the last role
    std::optional<int> role_duration;          ///< --role-duration, for the last role
    std::optional<int> session_duration;       ///< MFA session lifetime (GetSessionToken)
    bool skip_cached_roles = false;            ///< -r
    /// The last role's session name is the caller's IAM user name (--role-arn without
    /// --session-name), looked up with iam:GetUser only when the role is fetched.
    bool session_name_from_user = false;
};

/// AWS's limit for a role assumed with temporary credentials (role chaining).
constexpr int k_chained_role_max_seconds = 3600;

Result<std::unique_ptr<Provider>> build_provider(const config::ResolvedChain& chain,
                                                 const ChainOptions& options, Services& services);

/// A RoleSessionName AWS accepts ([\w+=,.@-]{2,64}) made from a profile name.
std::string session_name_for(const std::string& profile);

}  // namespace awsume_shell::credentials
