#include "awsume_shell/credentials/sts_providers.hpp"

namespace awsume_shell::credentials {

namespace {

class SessionTokenProvider final : public Provider {
public:
    SessionTokenProvider(std::unique_ptr<Provider> source, MfaDevice device,
                         std::optional<int> duration, Services& services)
        : m_source(std::move(source)), m_device(std::move(device)), m_duration(duration),
          m_services(services) {}

    Result<model::Credentials> retrieve() override {
        TRY(auto source, m_source->retrieve());
        TRY(auto code, m_services.mfa.code_for(m_device.serial, m_device.process, m_device.process_origin));
        TRY(auto sts, m_services.api.sts());
        aws::GetSessionTokenRequest request;
        request.duration_seconds = m_duration;
        request.serial_number = m_device.serial;
        request.token_code = code.code;
        m_services.log.debug("GetSessionToken for " + m_source->describe());
        auto result = sts->get_session_token(source, request);
        if (!result && result.error().code == Errc::mfa && code.from_prompt) {
            // One more chance for a mistyped code, as a person at a terminal would expect.
            TRY(auto again, m_services.mfa.prompt(m_device.serial, "MFA code rejected by AWS."));
            request.token_code = again.code;
            result = sts->get_session_token(source, request);
        }
        return result;
    }
    std::string identity() const override {
        return "mfa-session of " + m_source->identity() + " with " + m_device.serial;
    }
    std::string describe() const override {
        return "MFA session (" + m_device.serial + ") of " + m_source->describe();
    }

private:
    std::unique_ptr<Provider> m_source;
    MfaDevice m_device;
    std::optional<int> m_duration;
    Services& m_services;
};

}  // namespace

std::unique_ptr<Provider> make_session_token_provider(std::unique_ptr<Provider> source,
                                                      MfaDevice device,
                                                      std::optional<int> duration_seconds,
                                                      Services& services) {
    return std::make_unique<SessionTokenProvider>(std::move(source), std::move(device),
                                                  duration_seconds, services);
}

}  // namespace awsume_shell::credentials
