#pragma once
/// Finding and reading ~/.aws/config and ~/.aws/credentials with the AWS CLI's rules:
/// - config: `[profile NAME]` and `[default]` (also `[profile default]`) are profiles; NAME
///   may be quoted (`[profile "my name"]`); other sections (sso-session, services, a bare
///   `[x]`) are not profiles. When two sections name one profile the later one wins whole;
/// - credentials: every `[x]` is profile x, literally (`[profile x]` is "profile x");
/// - the credentials file's keys override the config file's keys of the same profile.

#include <optional>
#include <string>
#include <string_view>

#include "awsume_shell/config/profile.hpp"
#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::config {

/// --config-file/--credentials-file flags win, then AWS_CONFIG_FILE /
/// AWS_SHARED_CREDENTIALS_FILE, then ~/.aws/config and ~/.aws/credentials; a leading ~ is
/// expanded with Env::home().
AwsFilePaths locate_aws_files(const util::Env& env, const std::optional<std::string>& config_flag,
                              const std::optional<std::string>& credentials_flag);

/// Reads both files. A missing default file holds no profiles; a missing file named by an
/// option or variable, or an unreadable one (permissions, a directory), is Errc::config
/// naming it; a malformed line anywhere in either file is Errc::config "FILE:LINE: ...".
/// Each file is checked whole here; a profile's sections are parsed when it is found.
/// With a `snapshot_dir` (the tool's cache), a file whose identity matches the snapshot
/// written there when it last passed the check is not read or checked again: the sections
/// asked for are read from it by their offsets (ini_snapshot.hpp); a file read whole and
/// accepted gets a new snapshot there.
Result<ProfileSet> load_profiles(const AwsFilePaths& paths, const std::string& snapshot_dir = {});

/// Where the snapshots live for a cache folder (cache::Store::default_dir).
inline std::string snapshot_dir_in(const std::string& cache_dir) { return cache_dir + "/config-snapshots"; }

/// The same from texts (pure); the names are used in messages and origins.
Result<ProfileSet> parse_profiles(std::string_view config_text, const std::string& config_name,
                                  std::string_view credentials_text, const std::string& credentials_name);

/// Reads a whole file. nullopt when it does not exist; Errc::config naming it when it
/// cannot be read. Shared with the editor and the -o checks (output/profile_writer).
Result<std::optional<std::string>> read_text_file(const std::string& path);

}  // namespace awsume_shell::config
