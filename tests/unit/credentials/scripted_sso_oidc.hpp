#pragma once
/// An SSO-OIDC double for the sign-in and refresh tests: records every call and answers
/// CreateToken from a script (pending, slow_down, a token, ...), and a SignInUi that keeps
/// what it was asked to show and open.

#include <deque>
#include <string>
#include <vector>

#include "awsume_shell/aws/sso.hpp"
#include "awsume_shell/credentials/sso_login.hpp"

namespace awsume_shell::testing {

class ScriptedSsoOidc final : public aws::SsoOidc {
public:
    explicit ScriptedSsoOidc(const util::Clock& clock) : m_clock(clock) {}

    std::vector<aws::RegisterClientRequest> registers;
    std::vector<aws::StartDeviceAuthorizationRequest> authorizations;
    std::vector<aws::CreateTokenRequest> tokens;
    std::vector<util::UnixTime> token_times;  ///< the clock at each CreateToken

    aws::DeviceAuthorization device{"device-code-secret", "ABCD-EFGH", "https://device.example/",
                                    "https://device.example/?user_code=ABCD-EFGH", 600, 5};
    /// CreateToken answers in order: an AWS error code, or "" for a token. Empty: a token.
    std::deque<std::string> token_script;
    std::optional<Error> register_error, authorization_error;
    bool issue_refresh_token = true;
    long token_lifetime = 28800;

    Result<aws::RegisteredClient> register_client(const aws::RegisterClientRequest& request) override {
        registers.push_back(request);
        if (register_error) {
            return unexpected(*register_error);
        }
        const std::string n = std::to_string(registers.size());
        return aws::RegisteredClient{"client-" + n, "client-secret-" + n, m_clock.now() + 90 * 86400};
    }
    Result<aws::DeviceAuthorization> start_device_authorization(
        const aws::StartDeviceAuthorizationRequest& request) override {
        authorizations.push_back(request);
        if (authorization_error) {
            auto error = *authorization_error;
            authorization_error.reset();
            return unexpected(error);
        }
        return device;
    }
    Result<aws::OidcToken> create_token(const aws::CreateTokenRequest& request) override {
        tokens.push_back(request);
        token_times.push_back(m_clock.now());
        std::string next;
        if (!token_script.empty()) {
            next = token_script.front();
            token_script.pop_front();
        }
        if (next == "network") {
            return make_error(Errc::network, "SSO-OIDC: connection refused");
        }
        if (!next.empty()) {
            return make_error(Errc::aws, next + ": scripted", next);
        }
        const std::string n = std::to_string(tokens.size());
        aws::OidcToken token{"access-token-" + n, std::nullopt, token_lifetime};
        if (issue_refresh_token) {
            token.refresh_token = "refresh-token-" + n;
        }
        return token;
    }

private:
    const util::Clock& m_clock;
};

class RecordingUi final : public credentials::SignInUi {
public:
    std::string shown;
    std::vector<std::string> opened;
    void show(std::string_view text) override { shown += text; }
    void open_browser(const std::string& url) override { opened.push_back(url); }
};

/// A sleeper that says Ctrl-C came on its `interrupt_at`-th sleep.
class InterruptingSleeper final : public util::Sleeper {
public:
    InterruptingSleeper(util::FixedClock& clock, int interrupt_at) : m_clock(clock), m_at(interrupt_at) {}
    bool sleep_for(long seconds) override {
        m_clock.advance(seconds);
        return ++m_sleeps < m_at;
    }

private:
    util::FixedClock& m_clock;
    int m_at;
    int m_sleeps = 0;
};

}  // namespace awsume_shell::testing
