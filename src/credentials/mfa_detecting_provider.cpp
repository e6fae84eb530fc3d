#include "awsume_shell/credentials/sts_providers.hpp"

namespace awsume_shell::credentials {

namespace {

bool is_access_denied(const Error& error) {
    // Errc::mfa too: a "deny unless MultiFactorAuthentication" policy refuses the question.
    return (error.code == Errc::aws || error.code == Errc::mfa) &&
           (error.aws_code == "AccessDenied" || error.aws_code == "AccessDeniedException");
}

/// Stands in for the user's keys; the MFA session it may open is built on demand with the
/// same cache key as a configured mfa_serial would use, so both paths share the session.
class MfaDetectingProvider final : public Provider {
public:
    MfaDetectingProvider(std::unique_ptr<Provider> user, std::string access_key_id,
                         std::optional<int> session_duration, Services& services)
        : m_user(std::move(user)), m_access_key_id(std::move(access_key_id)),
          m_session_duration(session_duration), m_services(services) {}

    Result<model::Credentials> retrieve() override {
        if (m_session) {
            return m_session->retrieve();
        }
        TRY(auto keys, m_user->retrieve());
        TRY(auto iam, m_services.api.iam());
        auto devices = iam->list_mfa_devices(keys, std::nullopt);
        if (!devices) {
            // Only "you may not ask" means "go without MFA" (keys without iam permissions
            // are common); a timeout or a server error is no answer, never a "no device".
            if (!is_access_denied(devices.error())) {
                return unexpected(devices.error());
            }
            m_services.log.debug("iam:ListMFADevices was refused (" + devices.error().message +
                                 "); assuming the role without MFA");
            return keys;
        }
        if (devices->empty()) {
            m_services.log.debug("the user has no MFA device; assuming the role with its keys");
            return keys;
        }
        const std::string serial = devices->front().serial_number;
        m_services.log.debug("the user has MFA device " + serial +
                             " (iam:ListMFADevices): assuming the role through its MFA session");
        m_session = make_cached_provider(
            make_session_token_provider(std::move(m_user), MfaDevice{serial, std::nullopt, ""},
                                        m_session_duration, m_services),
            cache::mfa_session_key(m_access_key_id, serial), 60, false, m_services);
        return m_session->retrieve();
    }
    // The same identity as the plain keys: whether MFA was needed is the server's business,
    // the role credentials are the same role's either way.
    std::string identity() const override { return "key " + m_access_key_id; }
    std::string describe() const override {
        return "keys " + model::redact_key_id(m_access_key_id) + " (MFA detected with iam:ListMFADevices)";
    }
    bool long_term() const override { return true; }

private:
    std::unique_ptr<Provider> m_user;     ///< moved into m_session once a device is found
    std::unique_ptr<Provider> m_session;
    std::string m_access_key_id;
    std::optional<int> m_session_duration;
    Services& m_services;
};

}  // namespace

std::unique_ptr<Provider> make_mfa_detecting_provider(std::unique_ptr<Provider> user,
                                                      std::string access_key_id,
                                                      std::optional<int> session_duration,
                                                      Services& services) {
    return std::make_unique<MfaDetectingProvider>(std::move(user), std::move(access_key_id),
                                                  session_duration, services);
}

}  // namespace awsume_shell::credentials
