// credential_source = Ec2InstanceMetadata: the instance role's credentials from IMDS.
#include "awsume_shell/credentials/metadata_endpoints.hpp"
#include "awsume_shell/credentials/source_table.hpp"

namespace awsume_shell::credentials {

namespace {

/// One try of about a second per request: an absent service fails fast.
constexpr long k_imds_timeout_ms = 1000;

class ImdsProvider final : public Provider {
public:
    ImdsProvider(const config::Hop& hop, Services& services)
        : m_profile(hop.profile), m_origin(hop.origin), m_settings(hop.settings), m_env(services.env),
          m_api(services.api) {}

    Result<model::Credentials> retrieve() override {
        if (is_true(m_env.get("AWS_EC2_METADATA_DISABLED"))) {
            return make_error(Errc::config, context() + ": AWS_EC2_METADATA_DISABLED is true, so the "
                                                        "instance metadata service is not asked");
        }
        auto endpoint = imds_endpoint(m_env, m_settings);
        if (!endpoint) {
            return in_context(endpoint.error());
        }
        TRY(aws::Metadata * metadata, m_api.metadata());
        auto creds = metadata->instance_credentials(
            aws::InstanceCredentialsRequest{*endpoint, imds_v1_disabled(m_env, m_settings), k_imds_timeout_ms});
        if (!creds) {
            return in_context(creds.error());
        }
        return creds;
    }
    // The instance's role is whatever IMDS at this endpoint serves: the endpoint is the identity.
    std::string identity() const override {
        auto endpoint = imds_endpoint(m_env, m_settings);
        return "instance-metadata " + (endpoint ? *endpoint : std::string("(invalid endpoint)"));
    }
    std::string describe() const override {
        return "instance metadata (credential_source of profile '" + m_profile + "')";
    }

private:
    std::string context() const {
        return "profile '" + m_profile + "' (credential_source = Ec2InstanceMetadata, " + m_origin + ")";
    }
    Unexpected in_context(const Error& error) const {
        return unexpected(Error{error.code, context() + ": " + error.message, error.aws_code});
    }

    std::string m_profile;
    std::string m_origin;
    SourceSettings m_settings;
    const util::Env& m_env;
    LazyApi& m_api;
};

}  // namespace

/// The source_table row of credential_source = Ec2InstanceMetadata.
std::unique_ptr<Provider> ec2_instance_metadata_source(const config::Hop& hop, Services& services) {
    return std::make_unique<ImdsProvider>(hop, services);
}

}  // namespace awsume_shell::credentials
