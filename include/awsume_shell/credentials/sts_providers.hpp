#pragma once
/// Providers that call STS, and the cache decorator around them.

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "awsume_shell/cache/store.hpp"
#include "awsume_shell/credentials/provider.hpp"
#include "awsume_shell/credentials/services.hpp"

namespace awsume_shell::credentials {

struct MfaDevice {
    std::string serial;
    std::optional<std::string> process;  ///< mfa_process
    std::string process_origin;          ///< "mfa_process of profile 'x' (file:line)" for messages
};

/// GetSessionToken with an MFA code, from long-term user keys: the "MFA session" that lets
/// roles be assumed again for up to 12 h without a new code.
std::unique_ptr<Provider> make_session_token_provider(std::unique_ptr<Provider> source,
                                                      MfaDevice device,
                                                      std::optional<int> duration_seconds,
                                                      Services& services);

/// For a user with no mfa_serial configured: asks iam:ListMFADevices (as uber's
/// assume-role does) when the role is fetched; if the user has a device, the role is assumed
/// through that device's MFA session (asking for a code), else with the plain keys. Only
/// cache misses pay for the extra call.
std::unique_ptr<Provider> make_mfa_detecting_provider(std::unique_ptr<Provider> user,
                                                      std::string access_key_id,
                                                      std::optional<int> session_duration,
                                                      Services& services);

struct RoleSpec {
    std::string role_arn;
    /// Given, or worked out from the source credentials on a cache miss (the IAM user
    /// name for --role-arn, which would otherwise cost a call on every cache hit).
    std::string session_name;
    std::function<Result<std::string>(const model::Credentials& source)> session_name_lookup;
    std::optional<int> duration_seconds;
    std::optional<std::string> external_id;
    std::optional<MfaDevice> mfa;  ///< pass SerialNumber/TokenCode with AssumeRole itself
};

std::unique_ptr<Provider> make_assume_role_provider(std::unique_ptr<Provider> source, RoleSpec role,
                                                    Services& services);

/// Serves from the cache while the entry is fresh (Credentials::fresh_at with `margin` as
/// refresh_before_expiry) and, with `requested_duration`, was asked for at least that long;
/// otherwise takes the key's lock, looks again (another process may have just refreshed it),
/// and only then asks `inner`, storing the answer atomically. So N parallel callers make one
/// STS call. What it hands out carries `issued` (the entry's creation time).
std::unique_ptr<Provider> make_cached_provider(std::unique_ptr<Provider> inner, cache::CacheKey key,
                                               long margin, bool skip_cached,
                                               Services& services,
                                               std::optional<long> requested_duration = std::nullopt);

}  // namespace awsume_shell::credentials
