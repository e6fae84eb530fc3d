#pragma once
/// IAM Identity Center settings of a profile, read exactly as the AWS CLI reads them: a
/// profile with `sso_session` takes sso_start_url / sso_region / sso_registration_scopes
/// from its `[sso-session NAME]` section of the config file (a key set differently in
/// both is an error naming both places); a legacy profile holds sso_start_url and
/// sso_region itself (no scopes, so no refresh token).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "awsume_shell/config/profile.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::config {

struct SsoSettings {
    std::string session_name;  ///< "" for a legacy profile
    std::string start_url;
    std::string region;               ///< sso_region
    std::vector<std::string> scopes;  ///< sso_registration_scopes, split at commas, trimmed
    std::optional<std::string> account_id, role_name;  ///< a profile's; none for a bare session
    std::string profile;  ///< the profile read ("" for `login --sso-session NAME`), for messages
    std::string origin;   ///< "file:line" of sso_session (or sso_start_url), for messages
    std::map<std::string, std::string> origins;  ///< config key -> "file:line" it was read from

    /// What names the token in ~/.aws/sso/cache/: the session name, or the start URL (legacy).
    const std::string& token_key() const { return session_name.empty() ? start_url : session_name; }
};

/// Whether `p` is an IAM Identity Center profile: it sets any sso_* key that makes one
/// (botocore's SSO provider looks for sso_account_id / sso_role_name; a profile with only
/// the others is one set up halfway, better told what is missing than "no credentials").
bool is_sso_profile(const Profile& p);

/// Whether `p` names an SSO role (sso_account_id or sso_role_name): botocore's test for its
/// SSO provider, which comes before the profile's keys and credential_process.
bool names_sso_role(const Profile& p);

/// What the settings are read for: role credentials need sso_account_id and sso_role_name;
/// a sign-in (`login PROFILE`, as `aws sso login --profile`) needs only the session.
enum class SsoUse { role_credentials, sign_in };

/// `p`'s settings; Errc::config naming the profile and file:line for a missing section or
/// key, or a key that differs between profile and session.
Result<SsoSettings> sso_settings_of_profile(const ProfileSet& set, const Profile& p,
                                            SsoUse use = SsoUse::role_credentials);

/// The `[sso-session NAME]` section alone (login --sso-session NAME).
Result<SsoSettings> sso_settings_of_session(const ProfileSet& set, const std::string& name);

/// The settings as an SSO hop carries them (Hop::settings): the config file's key names
/// (sso_session, sso_start_url, sso_region, sso_registration_scopes joined by commas,
/// sso_account_id, sso_role_name) and "KEY.origin" -> "file:line".
std::map<std::string, std::string> to_hop_settings(const SsoSettings& sso);

/// The inverse of to_hop_settings, for the provider (`profile` and `origin` are the hop's).
SsoSettings sso_settings_of_hop(const std::map<std::string, std::string>& settings, const std::string& profile,
                                const std::string& origin);

}  // namespace awsume_shell::config
