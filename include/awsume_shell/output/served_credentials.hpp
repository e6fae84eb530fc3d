#pragma once
/// What the credentials server knows and decides, apart from its sockets and processes:
/// the credentials it hands out, when to renew them, and what a request gets meanwhile.
/// Pure (the time is passed in), so that every rule is unit-tested
/// (tests/unit/output/served_credentials_test.cpp).

#include <optional>
#include <string>

#include "awsume_shell/model/credentials.hpp"
#include "awsume_shell/util/clock.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::output {

/// After a failure that only the user can mend (a new MFA code), a request tries the cache
/// again at most this often: a session renewed by hand in another terminal is picked up.
constexpr long k_retry_on_request = 10;

/// An answer to GET: the status and the JSON body.
struct ServedAnswer {
    int status = 200;
    std::string body;
};

class ServedCredentials {
public:
    /// `profile` and `refresh_hint` (how to renew by hand) go into error messages.
    ServedCredentials(model::Credentials first, long refresh_before_expiry, std::string profile,
                      std::string refresh_hint);

    /// The credentials while they have not expired (even inside the renewal margin, or
    /// after a failed renewal: an SDK may use them to the end); then 503 with the reason:
    /// being renewed, the failure (naming awsume-shell-refresh when only the user can
    /// renew), or expired.
    ServedAnswer answer(util::UnixTime now) const;

    /// When the next renewal should start by itself; nullopt while one runs or when only a
    /// request or the user can start one (after a failure that is not transient).
    std::optional<util::UnixTime> next_renewal() const;
    /// A request after a failure that is not transient: try again (from the cache) now?
    bool renew_on_request(util::UnixTime now) const;

    void renewal_started(util::UnixTime now);
    void renewal_succeeded(model::Credentials fresh, util::UnixTime now);
    void renewal_failed(const Error& error, util::UnixTime now);

    bool renewing() const { return m_renewing; }
    const model::Credentials& credentials() const { return m_credentials; }
    /// "" when the last renewal worked, else the message a client gets once they expired.
    const std::string& failure() const { return m_failure; }
    /// The sub-shell's state file: "EXPIRES STATUS\n", STATUS one of ok, renewing,
    /// needs-refresh (only the user can renew) and failing (it will try again).
    std::string state_line() const;

private:
    model::Credentials m_credentials;
    std::string m_body;  ///< the 200 answer, made once per renewal
    long m_refresh_before_expiry;
    std::string m_profile;
    std::string m_refresh_hint;
    bool m_renewing = false;
    util::UnixTime m_last_start = 0;
    util::UnixTime m_last_attempt_end = 0;
    int m_failures = 0;
    bool m_transient = false;
    bool m_needs_user = false;
    std::string m_failure;
};

/// The container endpoint's answer for `credentials`:
/// {"AccessKeyId", "SecretAccessKey", "Token", "Expiration"} (ISO 8601 UTC).
std::string container_credentials_document(const model::Credentials& credentials);

}  // namespace awsume_shell::output
