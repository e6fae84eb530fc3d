#pragma once
/// AWS profiles as the AWS CLI sees them after merging the config and credentials files.

#include <map>
#include <optional>
#include <string>
#include <vector>

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

struct ProfileSet {
    AwsFilePaths paths;
    std::map<std::string, Profile> profiles;

    const Profile* find(const std::string& name) const;
    std::vector<std::string> names() const;  ///< sorted
};

/// For `list`: "role" (role_arn), "user" (static keys), "process" (credential_process),
/// "sso" (sso_start_url / sso_session / sso_account_id); a profile holding none of these
/// (e.g. only a region) is reported as "user".
std::string profile_type(const Profile& p);

}  // namespace awsume_shell::config
