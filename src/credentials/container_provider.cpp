// credential_source = EcsContainer: the task's (or pod's) credentials from the container
// credentials endpoint that ECS or EKS names in the environment.
#include "awsume_shell/credentials/metadata_endpoints.hpp"
#include "awsume_shell/credentials/metadata_source.hpp"
#include "awsume_shell/credentials/source_table.hpp"

namespace awsume_shell::credentials {

namespace {

class ContainerProvider final : public MetadataSource {
public:
    ContainerProvider(const config::Hop& hop, Services& services)
        : MetadataSource(hop, services, "EcsContainer") {}

    Result<model::Credentials> retrieve() override {
        // Both checked before any connection: a refused URL or a bad token is never sent.
        auto url = container_credentials_url(m_env);
        if (!url) {
            return in_context(url.error());
        }
        // Read at each use: EKS rotates the token file under us.
        auto authorization = container_authorization(m_env);
        if (!authorization) {
            return in_context(authorization.error());
        }
        TRY(aws::Metadata * metadata, m_api.metadata());
        return checked(metadata->container_credentials(
            aws::ContainerCredentialsRequest{*url, *authorization, aws::k_metadata_timeout_ms}));
    }
    // The URL (without what split_url refuses, so no user info) names the task's endpoint;
    // the query, which might carry something secret, is left out.
    std::string identity() const override {
        auto url = container_credentials_url(m_env);
        return "container-credentials " + (url ? url->substr(0, url->find_first_of("?#")) : std::string("(none)"));
    }
    std::string describe() const override { return describe_as("container credentials"); }
};

}  // namespace

/// The source_table row of credential_source = EcsContainer.
std::unique_ptr<Provider> ecs_container_source(const config::Hop& hop, Services& services) {
    return std::make_unique<ContainerProvider>(hop, services);
}

}  // namespace awsume_shell::credentials
