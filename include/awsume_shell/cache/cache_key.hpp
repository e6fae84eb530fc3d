#pragma once
/// Which cache file holds which credentials. The file name is readable (kind and a label) for
/// people looking into ~/.awsume-shell/cache, and unique through a hash of the full identity.

#include <string>

namespace awsume_shell::cache {

struct CacheKey {
    std::string kind;      ///< "mfa-session" | "role" | "sso-role"
    std::string label;     ///< human readable, e.g. "123456789012_Admin" (never a secret)
    std::string identity;  ///< everything that makes two entries different; hashed into the name
};

/// An MFA session (GetSessionToken) is keyed by the long-term access key id that asked for
/// it (as awsume does) and the MFA device used.
CacheKey mfa_session_key(const std::string& source_access_key_id, const std::string& mfa_serial);
/// Role credentials: by who assumed it (source_identity, e.g. the source's access key id or
/// ARN), which role, with which session name and external id.
CacheKey role_key(const std::string& source_identity, const std::string& role_arn,
                  const std::string& session_name, const std::string& external_id);

/// IAM Identity Center role credentials (GetRoleCredentials): by the portal (start URL and
/// sso_region), the sign-in (the sso-session's name, empty for a legacy profile: two
/// sessions of one portal may be two people), the account and the role; the token that
/// fetched them is not part of it (a new sign-in still hands out the same role).
CacheKey sso_role_key(const std::string& start_url, const std::string& sso_region, const std::string& session_name,
                      const std::string& account_id, const std::string& role_name);

/// "<kind>-<label>" reduced to [A-Za-z0-9._-] and capped, then "-" + 16 hex digits of the
/// 64-bit FNV-1a of kind, label and identity, then ".json". Never contains '/', never
/// starts with '.', so no key can name a file outside the cache directory.
std::string file_name_for(const CacheKey& key);

}  // namespace awsume_shell::cache
