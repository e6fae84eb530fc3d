#pragma once
/// The contract's "Environment handed to the sub-shell, exec and export", computed once as a
/// value so that exec, export and the sub-shell can never disagree about it.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "awsume_shell/model/credentials.hpp"
#include "awsume_shell/util/env.hpp"

namespace awsume_shell::output {

struct SessionInfo {
    std::string profile;                        ///< AWSUME_PROFILE
    std::optional<std::string> region;          ///< AWS_REGION + AWS_DEFAULT_REGION when known
    model::Credentials credentials;
    std::optional<std::string> output_profile;  ///< -o: AWS_PROFILE is then set to it
};

struct EnvChanges {
    std::vector<std::pair<std::string, std::string>> set;
    std::vector<std::string> unset;
};

/// Sets, in this order: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and
/// AWS_SECURITY_TOKEN (temporary credentials only), AWSUME_PROFILE, AWS_CREDENTIAL_EXPIRATION
/// (ISO 8601 Z) and AWSUME_SHELL_EXPIRES (Unix seconds) when the credentials expire,
/// AWS_REGION and AWS_DEFAULT_REGION when a region is known, AWS_PROFILE and
/// AWS_DEFAULT_PROFILE when there is an output profile. Unsets, in this order, whichever of
/// AWS_SESSION_TOKEN, AWS_SECURITY_TOKEN, AWS_CREDENTIAL_EXPIRATION, AWSUME_SHELL_EXPIRES,
/// AWS_PROFILE, AWS_DEFAULT_PROFILE is not set, then AWSUME_SHELL_SERVER_DIR, so that nothing stale of an earlier session
/// (or a profile that would win over the keys in some SDKs) is left. An unknown region
/// leaves AWS_REGION and AWS_DEFAULT_REGION as they are.
EnvChanges credential_environment(const SessionInfo& info);

/// Applies `changes` to `env`: sets, then unsets.
void apply(const EnvChanges& changes, util::Env& env);

}  // namespace awsume_shell::output
