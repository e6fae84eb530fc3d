#pragma once
/// The whole credential pipeline behind shell, exec, export and refresh:
/// request -> profile files -> resolved chain -> providers -> cache.

#include <optional>
#include <string>

#include "awsume_shell/config/tool_settings.hpp"
#include "awsume_shell/model/credentials.hpp"
#include "awsume_shell/model/request.hpp"
#include "awsume_shell/util/clock.hpp"
#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/log.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::credentials {

struct Obtained {
    std::string profile;                 ///< what AWSUME_PROFILE shows
    std::optional<std::string> region;
    model::Credentials credentials;
    std::string description;             ///< for --debug and status
    std::optional<std::string> role_arn;  ///< the last role of the chain, if any
    std::string config_path;             ///< the config file in use
    std::string credentials_path;        ///< the credentials file in use
    /// Why these credentials cannot be obtained again later from a sub-shell's environment
    /// (credential_source = Environment: the source keys are not handed on); empty if they can.
    std::string refresh_blocker;
};

struct Environment {
    const util::Env& env;
    const util::Clock& clock;
    const util::Log& log;
    const config::ToolSettings& settings;
};

Result<Obtained> obtain_credentials(const model::Request& request, const Environment& environment);

/// --role-arn: a full ARN, "[partition:]ACCOUNT:ROLE", or a bare ROLE under role_prefix.
Result<std::string> expand_role_arn(const std::string& text,
                                    const std::optional<std::string>& role_prefix);

/// "aws" from arn:aws:iam::..., "aws-cn" from arn:aws-cn:...; "aws" when unknown.
std::string partition_of(const std::string& arn);

/// The output profile of -a without -o, named as uber's assume-role names the profile it
/// writes: `<profile_name_prefix>-<role name>`, the role's account id standing in for an
/// empty prefix; for credentials that are not a role's, the profile name takes the role
/// name's place (and an empty prefix adds nothing).
std::string default_output_profile(const std::string& profile_name_prefix, const Obtained& obtained);

}  // namespace awsume_shell::credentials
