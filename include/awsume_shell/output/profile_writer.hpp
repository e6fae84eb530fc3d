#pragma once
/// -o/--output-profile: credentials written into a profile of the AWS credentials file, for
/// tools that only read profiles.

#include <string>

#include "awsume_shell/output/environment.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::output {

/// Sets in [profile] of `credentials_path` (every other line kept, see config::ini_editor):
/// aws_access_key_id, aws_secret_access_key, aws_session_token (temporary credentials),
/// expiration (ISO 8601 Z, the key awsume writes) when they expire, region when known. A new
/// file is created 0600. Keys that do not apply (a token for long-term keys) are not
/// removed: an output profile is meant for temporary credentials.
Result<void> write_profile_credentials(const std::string& credentials_path,
                                       const std::string& profile, const SessionInfo& info);

}  // namespace awsume_shell::output
