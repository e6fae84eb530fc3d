#include "awsume_shell/output/served_credentials.hpp"

#include <algorithm>

#include "awsume_shell/credentials/renewal.hpp"
#include "awsume_shell/output/server_http.hpp"
#include "awsume_shell/util/time_format.hpp"
#include "json_text.hpp"

namespace awsume_shell::output {

std::string container_credentials_document(const model::Credentials& c) {
    return "{\"AccessKeyId\": " + json_quote(c.access_key_id) + ", \"SecretAccessKey\": " +
           json_quote(c.secret_access_key) + ", \"Token\": " + json_quote(c.session_token) +
           ", \"Expiration\": " + json_quote(util::format_iso8601(c.expiration.value_or(0))) + "}";
}

ServedCredentials::ServedCredentials(model::Credentials first, long refresh_before_expiry, std::string profile,
                                     std::string refresh_hint)
    : m_credentials(std::move(first)),
      m_body(container_credentials_document(m_credentials)),
      m_refresh_before_expiry(refresh_before_expiry),
      m_profile(std::move(profile)),
      m_refresh_hint(std::move(refresh_hint)) {
    m_last_start = m_credentials.issued.value_or(0);
}

ServedAnswer ServedCredentials::answer(util::UnixTime now) const {
    const util::UnixTime expires = m_credentials.expiration.value_or(0);
    if (now < expires) {
        return {200, m_body};
    }
    std::string message;
    if (m_needs_user) {
        // Also while a retry from the cache runs: what the user must do stays the same.
        message = m_failure;
    } else if (m_renewing) {
        message = "the credentials of '" + m_profile + "' are being renewed; try again in a moment";
    } else if (!m_failure.empty()) {
        message = m_failure;
    } else {
        message = "the credentials of '" + m_profile + "' expired at " + util::format_iso8601(expires);
    }
    return {503, error_document(m_needs_user ? "CredentialsNeedRefresh" : "CredentialsUnavailable",
                                "awsume-shell: " + message)};
}

std::optional<util::UnixTime> ServedCredentials::next_renewal() const {
    if (m_renewing) {
        return std::nullopt;
    }
    if (m_failures > 0) {
        if (!m_transient) {
            return std::nullopt;
        }
        return m_last_attempt_end + credentials::retry_delay(m_failures);
    }
    const util::UnixTime expires = m_credentials.expiration.value_or(0);
    const long margin = model::refresh_margin_for(m_refresh_before_expiry, m_credentials.lifetime());
    // Past the cache's own margin by a second, so that a renewal that reads the cache
    // (after awsume-shell-refresh) never gets these credentials back as still fresh.
    return std::max(expires - margin + 1, m_last_start + credentials::k_renewal_floor);
}

bool ServedCredentials::renew_on_request(util::UnixTime now) const {
    return !m_renewing && m_failures > 0 && !m_transient && now - m_last_attempt_end >= k_retry_on_request;
}

void ServedCredentials::renewal_started(util::UnixTime now) {
    m_renewing = true;
    m_last_start = now;
}

void ServedCredentials::renewal_succeeded(model::Credentials fresh, util::UnixTime now) {
    m_renewing = false;
    m_last_attempt_end = now;
    m_failures = 0;
    m_transient = false;
    m_needs_user = false;
    m_failure.clear();
    m_credentials = std::move(fresh);
    m_body = container_credentials_document(m_credentials);
}

void ServedCredentials::renewal_failed(const Error& error, util::UnixTime now) {
    m_renewing = false;
    m_last_attempt_end = now;
    ++m_failures;
    m_transient = credentials::is_transient(error);
    m_needs_user = credentials::needs_the_user(error);
    if (m_needs_user) {
        m_failure = "renewing the credentials of '" + m_profile +
                    "' needs you: run awsume-shell-refresh " + m_refresh_hint + " (" + error.message + ")";
    } else {
        m_failure = "renewing the credentials of '" + m_profile + "' failed: " + error.message;
    }
}

std::string ServedCredentials::state_line() const {
    const char* status = m_renewing ? "renewing" : m_failures == 0 ? "ok" : m_transient ? "failing" : "needs-refresh";
    return std::to_string(m_credentials.expiration.value_or(0)) + " " + status + "\n";
}

}  // namespace awsume_shell::output
