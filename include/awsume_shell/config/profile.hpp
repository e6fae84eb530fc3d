#pragma once
/// AWS profiles as the AWS CLI sees them after merging the config and credentials files.

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "awsume_shell/util/result.hpp"

namespace awsume_shell::config {

/// Where the AWS config and credentials files are (see locate_aws_files in aws_files.hpp).
struct AwsFilePaths {
    std::string config;
    std::string credentials;
    /// The option that named each file ("--config-file"...); "" for a variable or the
    /// default ~/.aws one. A file named on the command line must exist; others may be missing.
    std::string config_given_by = "";
    std::string credentials_given_by = "";
};

struct ProfileValue {
    std::string value;
    std::string file;
    int line = 0;
};

struct Profile {
    std::string name;
    std::map<std::string, ProfileValue> values;  ///< merged: the credentials file wins
    std::string file;                            ///< where its section header was first seen
    int line = 0;

    /// The value of `key`; nullopt when absent or empty (botocore treats "" as unset).
    std::optional<std::string> get(const std::string& key) const;
    bool has(const std::string& key) const { return get(key).has_value(); }
    /// "file:line" of that key ("" when absent).
    std::string origin(const std::string& key) const;
    /// "file:line" of its section header.
    std::string origin() const;
    /// aws_access_key_id AND aws_secret_access_key are both set.
    bool has_static_keys() const;
};

struct ProfileFiles;  ///< both files' texts and section indexes (aws_files.cpp)

/// The profiles of both files (load_profiles / parse_profiles in aws_files.hpp), which were
/// checked whole when read. Each file is held with an index of its sections; a profile's
/// sections are parsed the first time it is found, so finding one profile, and its
/// source_profile chain, costs the same with 10 or 10 000 profiles in the files. Not for
/// use by two threads at once (lookups fill a cache).
class ProfileSet {
public:
    AwsFilePaths paths;

    ProfileSet() = default;
    ProfileSet(AwsFilePaths file_paths, std::shared_ptr<ProfileFiles> files);

    /// nullptr when neither file defines `name`. The pointer stays valid while the set lives.
    const Profile* find(const std::string& name) const;
    /// The config file's `[sso-session NAME]` section (botocore's sso_sessions map: the
    /// last section naming it wins whole), as a Profile named NAME whose values are the
    /// section's keys; nullptr when there is none (check problem() then, as for find).
    const Profile* find_sso_session(const std::string& name) const;
    /// Every profile's name, sorted (reads every section header: for list, completion and
    /// "did you mean").
    std::vector<std::string> names() const;
    /// Set when a file served from its snapshot had to be read whole after all (the
    /// snapshot did not match the file's bytes) and failed the check: the error find()
    /// and names() could not return (they then found nothing). Callers check it first.
    const std::optional<Error>& problem() const { return m_problem; }
    /// The files that are served by their snapshot (not read whole) at this point, for --debug.
    std::vector<std::string> from_snapshot() const;

private:
    std::shared_ptr<ProfileFiles> m_files;
    mutable std::map<std::string, std::optional<Profile>, std::less<>> m_found;
    mutable std::map<std::string, std::optional<Profile>, std::less<>> m_sessions;
    mutable std::optional<Error> m_problem;
};

/// For `list`, in the source rules' order: "role" (role_arn), "sso" (names_sso_role),
/// "user" (static keys), "process" (credential_process), "sso" (is_sso_profile: any sso_*
/// key); a profile holding none of these
/// (e.g. only a region) is reported as "user".
std::string profile_type(const Profile& p);

}  // namespace awsume_shell::config
