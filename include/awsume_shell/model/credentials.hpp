#pragma once
/// A set of AWS credentials as it flows through the pipeline: from a provider, through the
/// cache, to an output. Never print one directly: use describe() which redacts.

#include <optional>
#include <string>
#include <string_view>

#include "awsume_shell/util/clock.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::model {

/// THE rule for "renew now?", used for cache hits, the sub-shell's refresh point and the
/// -a refresher alike: `refresh_before_expiry` seconds before expiry, but never more than a
/// third of the credentials' lifetime (when it is known), so that credentials that live
/// little longer than the margin (a 15 min role with the default 15 min margin) are still
/// reused for the first two thirds of their life instead of being fetched on every call.
/// Inline: the cache and the AWS module see this header without linking the credentials code.
inline long refresh_margin_for(long refresh_before_expiry, std::optional<util::UnixTime> lifetime) {
    if (!lifetime || *lifetime <= 0) {
        return refresh_before_expiry;
    }
    return *lifetime / 3 < refresh_before_expiry ? static_cast<long>(*lifetime / 3)
                                                 : refresh_before_expiry;
}

struct Credentials {
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token;                ///< empty for long-term keys
    std::optional<util::UnixTime> expiration;  ///< none for long-term keys
    /// When they were obtained (the cache's "created"); none when unknown.
    std::optional<util::UnixTime> issued = std::nullopt;

    bool is_temporary() const { return !session_token.empty(); }
    /// expiration - issued, when both are known.
    std::optional<util::UnixTime> lifetime() const {
        if (!expiration || !issued) {
            return std::nullopt;
        }
        return *expiration - *issued;
    }
    /// True while more than refresh_margin_for(refresh_before_expiry, lifetime()) seconds
    /// are left (always true without expiry).
    bool fresh_at(util::UnixTime now, long refresh_before_expiry) const {
        return !expiration ||
               *expiration - now > refresh_margin_for(refresh_before_expiry, lifetime());
    }
};

/// "AKIA…WXYZ (temporary, expires 2026-11-22T04:14:20Z)" – key id shortened, no secret.
std::string describe(const Credentials& creds);
/// Credentials need at least this long left to be handed on or cached: less is of no use
/// to anyone, and a refresher that accepted it would ask again at once.
constexpr util::UnixTime k_min_usable_lifetime = 60;

/// Errc::aws "credentials from FROM expired at T (N s ago)..." / "expire at T, in N s..."
/// when `creds` expire within k_min_usable_lifetime of `now`; long-term keys always pass.
/// Checked where a provider's answer comes back, before the cache stores it.
Result<void> check_usable_lifetime(const Credentials& creds, util::UnixTime now, std::string_view from);

/// Key id with the middle masked ("AKIA************WXYZ"), for debug output.
std::string redact_key_id(const std::string& access_key_id);

}  // namespace awsume_shell::model
