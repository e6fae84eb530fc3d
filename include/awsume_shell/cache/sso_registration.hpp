#pragma once
/// The AWS CLI's cached SSO-OIDC client registration, shared with it: botocore keeps one
/// registration per (start URL, sso_region, scopes, session) in ~/.aws/sso/cache/<sha1 of
/// json.dumps({"region", "scopes", "session_name", "startUrl", "tool": "botocore"},
/// sort_keys=True)>.json, so a sign-in reuses it for the 90 days it lives instead of
/// registering a new client every time.

#include <optional>
#include <string>
#include <vector>

#include "awsume_shell/util/clock.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::cache {

struct SsoRegistration {
    std::string client_id;
    std::string client_secret;       ///< secret
    util::UnixTime expires_at = 0;   ///< expiresAt (the client secret's)
    std::vector<std::string> scopes; ///< scopes; empty: registered without
};

/// The JSON text botocore hashes, byte for byte as Python's json.dumps writes it
/// (", " and ": " separators, ASCII only with \uXXXX escapes). `session_name` empty and
/// `scopes` empty are Python's None (a legacy profile, a session without scopes).
std::string sso_registration_key_text(const std::string& start_url, const std::string& session_name,
                                      const std::string& region, const std::vector<std::string>& scopes);
/// DIR/<sha1-hex of sso_registration_key_text>.json.
std::string sso_registration_path(const std::string& dir, const std::string& start_url,
                                  const std::string& session_name, const std::string& region,
                                  const std::vector<std::string>& scopes);

/// nullopt when missing; Errc::config "FILE: PROBLEM" for a file that is not a registration.
Result<std::optional<SsoRegistration>> read_sso_registration(const std::string& path);
/// Atomically, 0600, its folder 0700 when we create it; members we do not own are kept.
Result<void> write_sso_registration(const std::string& path, const SsoRegistration& registration);

}  // namespace awsume_shell::cache
