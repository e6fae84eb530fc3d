#include "awsume_shell/output/profile_writer.hpp"

#include <algorithm>

#include "awsume_shell/config/aws_files.hpp"
#include "awsume_shell/config/ini_editor.hpp"
#include "awsume_shell/util/file_trust.hpp"
#include "awsume_shell/util/time_format.hpp"

namespace awsume_shell::output {

namespace {

/// Every key awsume-shell may write into an output section: all are replaced at each write.
const std::vector<std::string>& owned_keys() {
    static const std::vector<std::string> keys{k_manager_key,       "aws_access_key_id", "aws_secret_access_key",
                                               "aws_session_token", "aws_security_token", "expiration",
                                               "region"};
    return keys;
}

bool has_key(const config::KeyValues& keys, const std::string& key) {
    return std::any_of(keys.begin(), keys.end(), [&](const auto& kv) { return kv.first == key; });
}

/// Why the existing section is not ours to overwrite; "" when it is.
std::string not_ours(const config::KeyValues& keys) {
    for (const auto& [key, value] : keys) {
        if (key == k_manager_key) {
            return value == k_manager_value ? "" : "it is managed by '" + value + "'";
        }
    }
    // Written by awsume-shell before the marker existed: nothing but the keys we write, and
    // temporary credentials (a session token and an expiration) that are worth nothing once
    // replaced. Long-term keys without a marker are the user's.
    const bool only_ours = std::all_of(keys.begin(), keys.end(), [](const auto& kv) {
        return std::find(owned_keys().begin(), owned_keys().end(), kv.first) != owned_keys().end();
    });
    if (keys.empty() || (only_ours && has_key(keys, "aws_session_token") && has_key(keys, "expiration"))) {
        return "";
    }
    return std::string("it has no '") + k_manager_key + " = " + k_manager_value + "'";
}

/// Keys of a config-file profile that give it credentials of its own (keys, a process, a
/// role, SSO, web identity).
const std::vector<std::string>& credential_keys() {
    static const std::vector<std::string> keys{
        "aws_access_key_id", "aws_secret_access_key", "aws_session_token", "credential_process",
        "role_arn",          "source_profile",        "credential_source", "web_identity_token_file",
        "sso_session",       "sso_start_url",         "sso_account_id",    "sso_role_name"};
    return keys;
}

Result<void> check_ours(const std::string& text, const std::string& path, const std::string& profile) {
    if (const auto existing = config::section_keys(text, profile)) {
        if (const std::string why = not_ours(*existing); !why.empty()) {
            return make_error(Errc::usage, "-o " + profile + ": [" + profile + "] in " + path + " is not awsume-shell's (" +
                                               why + "); not overwritten: choose another output profile");
        }
    }
    return {};
}

}  // namespace

Result<ProfileWritten> write_profile_credentials(const std::string& credentials_path,
                                                 const std::string& profile, const SessionInfo& info) {
    const auto& creds = info.credentials;
    config::KeyValues values{
        {"aws_access_key_id", creds.access_key_id},
        {"aws_secret_access_key", creds.secret_access_key},
    };
    if (creds.is_temporary()) {
        values.emplace_back("aws_session_token", creds.session_token);
    }
    if (creds.expiration) {
        values.emplace_back("expiration", util::format_iso8601(*creds.expiration));
    }
    if (info.region) {
        values.emplace_back("region", *info.region);
    }
    // Last, so the section reads as the AWS CLI writes one (keys first) for scripts that
    // look at the line after the header.
    values.emplace_back(k_manager_key, k_manager_value);
    ProfileWritten written;
    TRY_VOID(config::edit_file_locked(credentials_path, 0600, [&](config::FileEdit& file) -> Result<std::string> {
        written.path = file.path;
        const std::string text = file.text.value_or("");
        TRY_VOID(check_ours(text, file.path, profile));
        if ((file.mode & 007) != 0) {  // group access may be the user's choice; others' is not
            written.narrowed_from = file.mode;
            file.mode = 0600;
        }
        return config::replace_section_keys(text, profile, owned_keys(), values);
    }));
    return written;
}

Result<void> check_output_profile(const std::string& credentials_path, const std::string& config_path,
                                  const std::string& profile) {
    TRY(const auto text, config::read_text_file(credentials_path));
    std::optional<config::KeyValues> existing;
    if (text) {
        TRY_VOID(check_ours(*text, credentials_path, profile));
        existing = config::section_keys(*text, profile);
    }
    if (existing && !existing->empty()) {
        return {};  // ours already: whatever the config file says was shadowed before
    }
    // A [NAME] of the credentials file overrides the keys and credential_process of the
    // config's profile NAME (and is itself ignored beside a role or SSO there): writing one
    // would quietly make that profile someone else.
    TRY(const auto config_text, config::read_text_file(config_path));
    if (!config_text) {
        return {};
    }
    // The AWS CLI's own reading of the config file ([profile "x"], [default]...).
    TRY(const config::ProfileSet set, config::parse_profiles(*config_text, config_path, "", credentials_path));
    const config::Profile* found = set.find(profile);
    if (found == nullptr) {
        return {};
    }
    for (const std::string& key : credential_keys()) {
        if (found->has(key)) {
            return make_error(Errc::usage, "-o " + profile + ": profile " + profile + " (" + found->origin(key) +
                                               ") has credentials of its own (" + key + "); a [" + profile + "] in " +
                                               credentials_path + " would mix with them: choose another output profile");
        }
    }
    return {};
}

std::string narrowed_mode_note(const ProfileWritten& written) {
    if (!written.narrowed_from) {
        return "";
    }
    return written.path + " was open to other users (" + util::format_mode(*written.narrowed_from) +
           "); it holds credentials now, so it is 0600";
}

}  // namespace awsume_shell::output
