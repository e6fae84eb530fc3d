// credential_source = Ec2InstanceMetadata / EcsContainer as the source of a role chain:
// what the providers ask the metadata service, and what they refuse before asking it.
#include <gtest/gtest.h>

#include <fstream>

#include "awsume_shell/credentials/source_table.hpp"
#include "unit/credentials/chain_test_support.hpp"

namespace awsume_shell::credentials {
namespace {

using namespace awsume_shell::testing;  // NOLINT: test-only vocabulary (hops, ARNs, World)

config::Hop source_hop(const std::string& kind, std::map<std::string, std::string> settings = {}) {
    config::Hop hop;
    hop.kind = kind;
    hop.profile = "on-aws";
    hop.origin = "CONFIG:3";
    hop.settings = std::move(settings);
    return hop;
}

std::unique_ptr<Provider> source(World& world, const config::Hop& hop) {
    return source_factory(hop.kind)(hop, world.services);
}

TEST(InstanceMetadataSource, TheRoleIsAssumedWithTheInstanceCredentials) {
    World world;
    world.env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:1338");
    auto chain = chain_of({source_hop("ec2_instance_metadata"), role_hop("on-aws", k_role_a)});
    auto creds = fetch(world, chain);
    ASSERT_TRUE(creds) << creds.error().message;
    ASSERT_EQ(world.metadata->instance_calls.size(), 1u);
    EXPECT_EQ(world.metadata->instance_calls[0].endpoint, "http://127.0.0.1:1338");
    EXPECT_FALSE(world.metadata->instance_calls[0].v1_disabled);
    EXPECT_EQ(world.metadata->instance_calls[0].timeout_ms, 1000);
    ASSERT_EQ(world.api->role_calls.size(), 1u);
    EXPECT_EQ(world.api->role_calls[0].caller.access_key_id, "ASIAMETADATA000001");
    EXPECT_EQ(world.api->role_calls[0].request.role_arn, k_role_a);

    ASSERT_TRUE(fetch(world, chain));  // the role is cached: IMDS is not asked again
    EXPECT_EQ(world.metadata->calls(), 1u);
    EXPECT_EQ(world.api->role_calls.size(), 1u);
}

TEST(InstanceMetadataSource, ProfileSettingsAndTheV1Switch) {
    World world;
    auto hop = source_hop("ec2_instance_metadata", {{"ec2_metadata_service_endpoint", "http://[::1]:9"},
                                                    {"ec2_metadata_v1_disabled", "true"}});
    ASSERT_TRUE(source(world, hop)->retrieve());
    world.env.set("AWS_EC2_METADATA_V1_DISABLED", "false");
    ASSERT_TRUE(source(world, source_hop("ec2_instance_metadata"))->retrieve());
    ASSERT_EQ(world.metadata->instance_calls.size(), 2u);
    EXPECT_EQ(world.metadata->instance_calls[0].endpoint, "http://[::1]:9");
    EXPECT_TRUE(world.metadata->instance_calls[0].v1_disabled);
    EXPECT_EQ(world.metadata->instance_calls[1].endpoint, "http://169.254.169.254");
    EXPECT_FALSE(world.metadata->instance_calls[1].v1_disabled);
}

TEST(InstanceMetadataSource, DisabledMeansNotAsked) {
    World world;
    world.env.set("AWS_EC2_METADATA_DISABLED", "True");
    auto creds = source(world, source_hop("ec2_instance_metadata"))->retrieve();
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().code, Errc::config);
    EXPECT_EQ(creds.error().message,
              "profile 'on-aws' (credential_source = Ec2InstanceMetadata, CONFIG:3): AWS_EC2_METADATA_DISABLED "
              "is true, so the instance metadata service is not asked");
    EXPECT_EQ(world.metadata->calls(), 0u);
}

TEST(InstanceMetadataSource, ErrorsNameTheProfile) {
    World world;
    world.metadata->answer = make_error(Errc::network, "instance metadata service http://x did not answer");
    auto creds = source(world, source_hop("ec2_instance_metadata"))->retrieve();
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().code, Errc::network);
    EXPECT_EQ(creds.error().message, "profile 'on-aws' (credential_source = Ec2InstanceMetadata, CONFIG:3): "
                                     "instance metadata service http://x did not answer");
    world.env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", "nonsense");
    auto bad = source(world, source_hop("ec2_instance_metadata"))->retrieve();
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, Errc::config);
    EXPECT_EQ(world.metadata->calls(), 1u);
}

TEST(InstanceMetadataSource, ExpiredInstanceCredentialsAreNotSentToSts) {
    World world;
    world.metadata->answer = model::Credentials{"ASIAOLD", "old-secret", "old-token", k_now - 10};
    auto creds = fetch(world, chain_of({source_hop("ec2_instance_metadata"), role_hop("on-aws", k_role_a)}));
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().message.rfind("profile 'on-aws' (credential_source = Ec2InstanceMetadata, CONFIG:3): ", 0),
              0u)
        << creds.error().message;
    EXPECT_NE(creds.error().message.find("expired"), std::string::npos);
    EXPECT_TRUE(world.api->role_calls.empty());
}

TEST(InstanceMetadataSource, IdentityIsTheEndpoint) {
    World world;
    auto provider = source(world, source_hop("ec2_instance_metadata"));
    EXPECT_EQ(provider->identity(), "instance-metadata http://169.254.169.254");
    world.env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:1338");
    EXPECT_EQ(provider->identity(), "instance-metadata http://127.0.0.1:1338");
    EXPECT_EQ(world.metadata->calls(), 0u);
}

TEST(ContainerSource, RelativeUriIsAskedOnTheAgentWithTheToken) {
    World world;
    world.env.set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/task-7");
    world.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "task-secret");
    auto chain = chain_of({source_hop("ecs_container"), role_hop("on-aws", k_role_a)});
    ASSERT_TRUE(fetch(world, chain));
    ASSERT_EQ(world.metadata->container_calls.size(), 1u);
    const auto& call = world.metadata->container_calls[0];
    EXPECT_EQ(call.url, "http://169.254.170.2/v2/credentials/task-7");
    EXPECT_EQ(call.authorization, std::optional<std::string>("task-secret"));
    EXPECT_EQ(call.timeout_ms, 1000);
    EXPECT_EQ(world.api->role_calls.at(0).caller.session_token, "metadata-token");
}

TEST(ContainerSource, ARefusedUrlIsNeverAsked) {
    World world;
    world.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.169.254/latest/meta-data/");
    auto creds = source(world, source_hop("ecs_container"))->retrieve();
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().code, Errc::config);
    EXPECT_EQ(creds.error().message.rfind("profile 'on-aws' (credential_source = EcsContainer, CONFIG:3): "
                                          "AWS_CONTAINER_CREDENTIALS_FULL_URI names host '169.254.169.254' over http",
                                          0),
              0u)
        << creds.error().message;
    world.env.unset("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    auto none = source(world, source_hop("ecs_container"))->retrieve();
    ASSERT_FALSE(none);
    EXPECT_NE(none.error().message.find("neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"), std::string::npos);
    EXPECT_EQ(world.metadata->calls(), 0u);
}

TEST(ContainerSource, TheTokenFileIsReadAtEachFetchAndWins) {
    World world;
    const std::string path = world.dir.path() + "/token";
    world.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:8080/creds");
    world.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "from-variable");
    world.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", path);
    auto provider = source(world, source_hop("ecs_container"));
    std::ofstream(path) << "token-one";
    ASSERT_TRUE(provider->retrieve());
    std::ofstream(path) << "token-two";
    ASSERT_TRUE(provider->retrieve());
    ASSERT_EQ(world.metadata->container_calls.size(), 2u);
    EXPECT_EQ(world.metadata->container_calls[0].authorization, std::optional<std::string>("token-one"));
    EXPECT_EQ(world.metadata->container_calls[1].authorization, std::optional<std::string>("token-two"));
    std::ofstream(path) << "a\r\nX-Injected: yes";
    auto injected = provider->retrieve();
    ASSERT_FALSE(injected);
    EXPECT_EQ(world.metadata->container_calls.size(), 2u);
}

TEST(ContainerSource, IdentityIsStableAndSecretFree) {
    World world;
    world.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "https://creds.example.com/task/1?sig=SECRET");
    world.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "token-value");
    auto provider = source(world, source_hop("ecs_container"));
    EXPECT_EQ(provider->identity(), "container-credentials https://creds.example.com/task/1");
    world.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "rotated");
    EXPECT_EQ(provider->identity(), "container-credentials https://creds.example.com/task/1");
    EXPECT_EQ(world.metadata->calls(), 0u);
}

}  // namespace
}  // namespace awsume_shell::credentials
