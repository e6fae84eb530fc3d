#include "awsume_shell/credentials/source_providers.hpp"
#include "awsume_shell/credentials/source_table.hpp"

namespace awsume_shell::credentials {

namespace {

/// credential_source = Environment: the AWS_* variables of the calling environment.
class EnvironmentProvider final : public Provider {
public:
    EnvironmentProvider(const util::Env& env, std::string profile)
        : m_env(env), m_profile(std::move(profile)) {}

    Result<model::Credentials> retrieve() override {
        auto key = m_env.get("AWS_ACCESS_KEY_ID");
        auto secret = m_env.get("AWS_SECRET_ACCESS_KEY");
        if (!key || !secret) {
            return make_error(Errc::config,
                              "profile '" + m_profile +
                                  "' has credential_source = Environment but AWS_ACCESS_KEY_ID "
                                  "and AWS_SECRET_ACCESS_KEY are not both set");
        }
        model::Credentials creds;
        creds.access_key_id = *key;
        creds.secret_access_key = *secret;
        creds.session_token =
            m_env.first_of({"AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"}).value_or("");
        return creds;
    }
    std::string identity() const override {
        return "environment key " + m_env.get("AWS_ACCESS_KEY_ID").value_or("");
    }
    std::string describe() const override { return "keys from the environment"; }
    bool long_term() const override { return !m_env.has("AWS_SESSION_TOKEN"); }

private:
    const util::Env& m_env;
    std::string m_profile;
};

}  // namespace

std::unique_ptr<Provider> make_environment_provider(const util::Env& env, std::string profile) {
    return std::make_unique<EnvironmentProvider>(env, std::move(profile));
}

/// The source_table row of credential_source = Environment.
std::unique_ptr<Provider> environment_source(const config::Hop& hop, Services& services) {
    return make_environment_provider(services.env, hop.profile);
}

}  // namespace awsume_shell::credentials
