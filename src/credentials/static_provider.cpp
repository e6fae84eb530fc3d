#include "awsume_shell/credentials/source_providers.hpp"
#include "awsume_shell/credentials/source_table.hpp"

namespace awsume_shell::credentials {

namespace {

class StaticProvider final : public Provider {
public:
    StaticProvider(model::Credentials keys, std::string profile)
        : m_keys(std::move(keys)), m_profile(std::move(profile)) {}
    Result<model::Credentials> retrieve() override { return m_keys; }
    // Keyed by the access key id alone, as awsume keys its MFA sessions.
    std::string identity() const override { return "key " + m_keys.access_key_id; }
    std::string describe() const override {
        return "keys of profile '" + m_profile + "' (" + model::describe(m_keys) + ")";
    }
    bool long_term() const override { return !m_keys.is_temporary(); }

private:
    model::Credentials m_keys;
    std::string m_profile;
};

}  // namespace

std::unique_ptr<Provider> make_static_provider(model::Credentials keys, std::string profile) {
    return std::make_unique<StaticProvider>(std::move(keys), std::move(profile));
}

/// The source_table row of keys written in a profile.
std::unique_ptr<Provider> static_keys_source(const config::Hop& hop, Services&) {
    return make_static_provider(hop.static_credentials, hop.profile);
}

}  // namespace awsume_shell::credentials
