#pragma once
/// -o/--output-profile: credentials written into a profile of the AWS credentials file, for
/// tools that only read profiles. See docs/files-and-locking.md.

#include <sys/types.h>

#include <optional>
#include <string>

#include "awsume_shell/output/environment.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::output {

/// The key and value that mark a section of the credentials file as awsume-shell's (awsume
/// writes `manager = awsume` the same way). Only such sections are ever overwritten.
constexpr const char* k_manager_key = "manager";
constexpr const char* k_manager_value = "awsume-shell";

struct ProfileWritten {
    std::string path;                    ///< the file written (symlinks followed)
    std::optional<mode_t> narrowed_from; ///< set when others had access to the file
};

/// Replaces the keys awsume-shell owns in [profile] of `credentials_path` (every other line
/// kept, see config::replace_section_keys) by: aws_access_key_id, aws_secret_access_key,
/// aws_session_token (temporary credentials), expiration (ISO 8601 Z, the key awsume writes)
/// when they expire, region when known, manager = awsume-shell; so nothing of an earlier
/// session is left beside long-term keys. Under the file's lock (config::edit_file_locked).
/// - Errc::usage, file untouched, when [profile] exists and is not ours: it has another
///   `manager`, or no marker and keys that are not those of a section we wrote before the
///   marker existed (temporary credentials with an expiration, nothing else).
/// - A file with any access for others (o+rwx) is made 0600 (it holds session tokens now); a new file
///   is created 0600.
Result<ProfileWritten> write_profile_credentials(const std::string& credentials_path,
                                                 const std::string& profile, const SessionInfo& info);

/// The same refusal as write_profile_credentials, checked before any credentials are asked
/// for (no MFA code is spent on a run that could not write its output profile). Also
/// Errc::usage when [profile] is not in the credentials file yet (or empty) and the config
/// file's profile of that name gets credentials of its own (keys, credential_process, a
/// role, SSO): a new credentials section would shadow them (or be ignored beside them).
Result<void> check_output_profile(const std::string& credentials_path, const std::string& config_path,
                                  const std::string& profile);

/// The line telling the user that write_profile_credentials narrowed the file's mode.
std::string narrowed_mode_note(const ProfileWritten& written);

}  // namespace awsume_shell::output
