#pragma once
/// The providers a chain starts from: keys written in a profile, the environment
/// (credential_source = Environment), credential_process, and IAM Identity Center.

#include <memory>
#include <string>

#include "awsume_shell/config/sso_settings.hpp"
#include "awsume_shell/credentials/provider.hpp"
#include "awsume_shell/credentials/services.hpp"
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

/// Where an SSO provider gets the session's bearer token: credentials::sso_access_token
/// (sso_token_source.hpp) in the source table's row; a fake in tests.
using SsoTokenFunction = Result<std::string> (*)(const config::SsoSettings& sso, Services& services,
                                                const std::string& refused);

/// IAM Identity Center role credentials: the token from `token`, then the portal's
/// GetRoleCredentials for the profile's account and role. The portal refusing the token
/// (UnauthorizedException) is the exit-3 error naming `awsume-shell login PROFILE`; every
/// other error names the profile, role and account. Its identity is "sso role R of account
/// A via START_URL": stable and secret free, so roles assumed from it have stable cache keys.
std::unique_ptr<Provider> make_sso_provider(config::SsoSettings sso, Services& services, SsoTokenFunction token);

/// The same, cached like role credentials (cache::sso_role_key, refresh_before_expiry): a
/// second run is a cache hit that asks for no token and calls no portal.
std::unique_ptr<Provider> make_cached_sso_provider(config::SsoSettings sso, Services& services, SsoTokenFunction token);

/// Parses a credential_process document (Version 1). `origin` names the command in errors.
Result<model::Credentials> parse_credential_process_output(const std::string& json,
                                                    const std::string& origin);

}  // namespace awsume_shell::credentials
