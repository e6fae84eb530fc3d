#pragma once
/// The providers a chain starts from: keys written in a profile, the environment
/// (credential_source = Environment), and credential_process.

#include <memory>
#include <string>

#include "awsume_shell/credentials/provider.hpp"
#include "awsume_shell/util/clock.hpp"
#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/process.hpp"

namespace awsume_shell::credentials {

std::unique_ptr<Provider> make_static_provider(model::Credentials keys, std::string profile);
std::unique_ptr<Provider> make_environment_provider(const util::Env& env, std::string profile);
/// Output whose Expiration has passed is refused (Errc::io), as the AWS CLI does. Errors
/// name the profile and `origin` ("file:line" of the setting), never the command line.
std::unique_ptr<Provider> make_process_provider(std::string command, std::string profile,
                                                std::string origin, const util::Env& env,
                                                const util::Clock& clock,
                                                long timeout_seconds = util::k_default_process_timeout);

/// Parses a credential_process document (Version 1). `origin` names the command in errors.
Result<model::Credentials> parse_credential_process_output(const std::string& json,
                                                    const std::string& origin);

}  // namespace awsume_shell::credentials
