// IAM Identity Center as a credential source: the session's bearer token (the AWS CLI's
// token cache, refreshed or signed in by sso_token_source.cpp), then GetRoleCredentials on
// the portal. The role credentials are cached like an AssumeRole's, so a cache hit needs
// neither the token nor the AWS module.
#include <utility>

#include "awsume_shell/credentials/source_providers.hpp"
#include "awsume_shell/credentials/source_table.hpp"
#include "awsume_shell/credentials/sso_login.hpp"
#include "awsume_shell/credentials/sso_token_source.hpp"
#include "awsume_shell/credentials/sts_providers.hpp"

namespace awsume_shell::credentials {

namespace {

class SsoProvider final : public Provider {
public:
    SsoProvider(config::SsoSettings sso, Services& services, SsoTokenFunction token)
        : m_sso(std::move(sso)), m_services(services), m_token(token) {}

    /// The token first, outside the role cache's lock: a sign-in (a terminal, a browser)
    /// is waited for under the token's own lock, which says so (ten shells, one sign-in).
    Result<void> prepare() override {
        if (m_bearer.empty()) {  // once: a chain's outer role may have asked already
            TRY(m_bearer, m_token(m_sso, m_services, {}));
        }
        return {};
    }

    Result<model::Credentials> retrieve() override {
        TRY_VOID(prepare());
        auto credentials = role_credentials(std::exchange(m_bearer, {}));
        if (!credentials && credentials.error().aws_code == "UnauthorizedException") {
            // The portal no longer takes the token (signed out, revoked, expired early):
            // the token source renews it (a refresh, or a sign-in on a terminal; else the
            // exit-3 line naming `awsume-shell login`), and the call is made once more.
            m_services.log.debug(sso_who(m_sso) + ": the portal refused the token (" + credentials.error().message +
                                 "); renewing it");
            TRY(const std::string renewed, m_token(m_sso, m_services, m_last_sent));
            credentials = role_credentials(renewed);
        }
        if (credentials) {
            return credentials;
        }
        Error error = credentials.error();
        if (error.aws_code == "UnauthorizedException") {
            return make_error(Errc::sign_in,
                              sso_who(m_sso) + ": the portal refused the token of " + sso_session_words(m_sso) + " (" +
                                  error.message + "): run `" + sso_login_command(m_sso) + "`",
                              error.aws_code);
        }
        error.message = sso_who(m_sso) + ": GetRoleCredentials for role " + role() + " of account " + account() +
                        " (" + m_sso.origin + "): " + error.message;
        return unexpected(std::move(error));
    }
    std::string identity() const override {
        return "sso role " + role() + " of account " + account() + " via " + m_sso.start_url;
    }
    std::string describe() const override {
        return "IAM Identity Center role " + role() + " of account " + account() + " (profile '" + m_sso.profile +
               "')";
    }

private:
    Result<model::Credentials> role_credentials(const std::string& token) {
        m_last_sent = token;
        TRY(aws::SsoPortal * portal, m_services.api.sso_portal());
        return portal->get_role_credentials(aws::SsoRoleCredentialsRequest{m_sso.region, token, account(), role()});
    }

    // Always there (sso_settings_of_profile refuses a profile without them).
    std::string account() const { return m_sso.account_id.value_or(""); }
    std::string role() const { return m_sso.role_name.value_or(""); }

    config::SsoSettings m_sso;
    Services& m_services;
    SsoTokenFunction m_token;
    std::string m_bearer;     // from prepare(), used once by retrieve()
    std::string m_last_sent;  // the token of the last GetRoleCredentials, to say which was refused
};

}  // namespace

std::unique_ptr<Provider> make_sso_provider(config::SsoSettings sso, Services& services, SsoTokenFunction token) {
    return std::make_unique<SsoProvider>(std::move(sso), services, token);
}

std::unique_ptr<Provider> make_cached_sso_provider(config::SsoSettings sso, Services& services, SsoTokenFunction token) {
    auto key = cache::sso_role_key(sso.start_url, sso.region, sso.session_name, sso.account_id.value_or(""),
                                   sso.role_name.value_or(""));
    return make_cached_provider(make_sso_provider(std::move(sso), services, token), std::move(key),
                                services.refresh_margin, services.skip_cached_sources, services);
}

/// The source_table row of "sso" (config/source_rules.cpp put the settings in the hop).
std::unique_ptr<Provider> sso_source(const config::Hop& hop, Services& services) {
    return make_cached_sso_provider(config::sso_settings_of_hop(hop.settings, hop.profile, hop.origin), services,
                                    &sso_access_token);
}

}  // namespace awsume_shell::credentials
