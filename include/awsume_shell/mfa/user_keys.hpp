#pragma once
/// Which profiles provision-mfa accepts: only an IAM user's own long-term keys. A role, a
/// credential_process, credential_source or a profile with a session token is refused,
/// since AWS ties a virtual MFA device to the user who signs the calls.

#include <string>

#include "awsume_shell/config/profile.hpp"
#include "awsume_shell/model/credentials.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::mfa {

/// Errc::config naming the profile (and the file:line of what makes it unsuitable).
Result<model::Credentials> long_term_user_keys(const config::ProfileSet& profiles,
                                                     const std::string& name);

}  // namespace awsume_shell::mfa
