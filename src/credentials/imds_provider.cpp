// credential_source = Ec2InstanceMetadata: the instance role's credentials from IMDS.
#include "awsume_shell/credentials/metadata_endpoints.hpp"
#include "awsume_shell/credentials/metadata_source.hpp"
#include "awsume_shell/credentials/source_table.hpp"

namespace awsume_shell::credentials {

namespace {

class ImdsProvider final : public MetadataSource {
public:
    ImdsProvider(const config::Hop& hop, Services& services)
        : MetadataSource(hop, services, "Ec2InstanceMetadata"), m_settings(hop.settings) {}

    Result<model::Credentials> retrieve() override {
        if (is_true(m_env.get("AWS_EC2_METADATA_DISABLED"))) {
            return in_context(Error{Errc::config, "AWS_EC2_METADATA_DISABLED is true, so the instance "
                                                  "metadata service is not asked", ""});
        }
        auto endpoint = imds_endpoint(m_env, m_settings);
        if (!endpoint) {
            return in_context(endpoint.error());
        }
        TRY(aws::Metadata * metadata, m_api.metadata());
        return checked(metadata->instance_credentials(
            aws::InstanceCredentialsRequest{*endpoint, imds_v1_disabled(m_env, m_settings), aws::k_metadata_timeout_ms}));
    }
    // The instance's role is whatever IMDS at this endpoint serves: the endpoint is the identity.
    std::string identity() const override {
        auto endpoint = imds_endpoint(m_env, m_settings);
        return "instance-metadata " + (endpoint ? *endpoint : std::string("(invalid endpoint)"));
    }
    std::string describe() const override { return describe_as("instance metadata"); }

private:
    SourceSettings m_settings;
};

}  // namespace

/// The source_table row of credential_source = Ec2InstanceMetadata.
std::unique_ptr<Provider> ec2_instance_metadata_source(const config::Hop& hop, Services& services) {
    return std::make_unique<ImdsProvider>(hop, services);
}

}  // namespace awsume_shell::credentials
