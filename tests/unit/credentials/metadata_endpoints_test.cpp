// The metadata sources' rules, decided before any connection: the IMDS endpoint and its
// switches, the container URL and its host rules, the authorization token.
#include "awsume_shell/credentials/metadata_endpoints.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "unit/cache/temp_dir.hpp"

namespace awsume_shell::credentials {
namespace {

std::string error_of(const Result<std::string>& result) {
    EXPECT_FALSE(result) << (result ? *result : "");
    return result ? std::string() : result.error().message;
}

TEST(ImdsEndpoint, VariableThenProfileThenTheIpv4Address) {
    util::Env env;
    SourceSettings settings{{"ec2_metadata_service_endpoint", "http://10.0.0.1:8080"},
                            {"ec2_metadata_service_endpoint.origin", "CONFIG:4"}};
    EXPECT_EQ(*imds_endpoint(env, {}), "http://169.254.169.254");
    EXPECT_EQ(*imds_endpoint(env, settings), "http://10.0.0.1:8080");
    env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:1338/");
    EXPECT_EQ(*imds_endpoint(env, settings), "http://127.0.0.1:1338/");
}

TEST(ImdsEndpoint, ModeChoosesTheIpv6AddressUnlessAnEndpointIsSet) {
    util::Env env;
    EXPECT_EQ(*imds_endpoint(env, {{"ec2_metadata_service_endpoint_mode", "IPv6"}}), "http://[fd00:ec2::254]");
    env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ipv4");  // the variable wins over the profile
    EXPECT_EQ(*imds_endpoint(env, {{"ec2_metadata_service_endpoint_mode", "IPv6"}}), "http://169.254.169.254");
    env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPV6");
    EXPECT_EQ(*imds_endpoint(env, {}), "http://[fd00:ec2::254]");
    EXPECT_EQ(*imds_endpoint(env, {{"ec2_metadata_service_endpoint", "http://[::1]:9"}}), "http://[::1]:9");
    env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ipv5");
    EXPECT_EQ(error_of(imds_endpoint(env, {})),
              "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE is ipv5: expected IPv4 or IPv6");
    env.unset("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE");
    EXPECT_EQ(error_of(imds_endpoint(env, {{"ec2_metadata_service_endpoint_mode", "x"},
                                           {"ec2_metadata_service_endpoint_mode.origin", "CONFIG:9"}})),
              "ec2_metadata_service_endpoint_mode (CONFIG:9) is x: expected IPv4 or IPv6");
}

TEST(ImdsEndpoint, ABadEndpointNamesWhereItIsSet) {
    util::Env env;
    EXPECT_EQ(error_of(imds_endpoint(env, {{"ec2_metadata_service_endpoint", "169.254.169.254"},
                                           {"ec2_metadata_service_endpoint.origin", "CONFIG:3"}})),
              "ec2_metadata_service_endpoint (CONFIG:3) is not an http:// or https:// URL (scheme://host[:port][/path], "
              "without user info or spaces)");
    env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", "file:///etc/passwd");
    EXPECT_NE(error_of(imds_endpoint(env, {})).find("AWS_EC2_METADATA_SERVICE_ENDPOINT is not"), std::string::npos);
}

TEST(ImdsEndpoint, V1DisabledByTheVariableOrTheProfile) {
    util::Env env;
    EXPECT_FALSE(imds_v1_disabled(env, {}));
    EXPECT_TRUE(imds_v1_disabled(env, {{"ec2_metadata_v1_disabled", "True"}}));
    env.set("AWS_EC2_METADATA_V1_DISABLED", "false");  // the variable wins
    EXPECT_FALSE(imds_v1_disabled(env, {{"ec2_metadata_v1_disabled", "true"}}));
    env.set("AWS_EC2_METADATA_V1_DISABLED", "TRUE");
    EXPECT_TRUE(imds_v1_disabled(env, {}));
}

TEST(ContainerHosts, HttpOnlyToLoopbackAndTheAgents) {
    for (const char* host : {"127.0.0.1", "127.255.0.9", "localhost", "::1", "0:0:0:0:0:0:0:1", "169.254.170.2",
                             "169.254.170.23", "fd00:ec2::23", "fd00:ec2:0:0:0:0:0:23"}) {
        EXPECT_TRUE(is_allowed_container_http_host(host)) << host;
    }
    for (const char* host : {"169.254.169.254", "169.254.170.3", "128.0.0.1", "127.1", "0x7f.0.0.1", "2130706433",
                             "localhost.", "localhost.evil.example", "evil.example", "fd00:ec2::24", "::ffff:8.8.8.8",
                             "", "10.0.0.1"}) {
        EXPECT_FALSE(is_allowed_container_http_host(host)) << host;
    }
}

TEST(ContainerUrl, RelativeUriIsOnTheEcsAgent) {
    util::Env env;
    env.set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/5d4f-task");
    env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/ignored");  // RELATIVE wins
    EXPECT_EQ(*container_credentials_url(env), "http://169.254.170.2/v2/credentials/5d4f-task");
    for (const char* bad : {"@evil.example/x", "v2/credentials", "/a b", "/x\r\nHost: evil", "/x\\y"}) {
        env.set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", bad);
        EXPECT_NE(error_of(container_credentials_url(env)).find("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI must be a path"),
                  std::string::npos)
            << bad;
    }
}

TEST(ContainerUrl, FullUriHostRules) {
    util::Env env;
    EXPECT_EQ(error_of(container_credentials_url(env)),
              "neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set "
              "(no container credentials endpoint)");
    for (const char* good : {"http://127.0.0.1:8080/creds", "http://localhost/creds", "HTTP://LocalHost:80",
                             "http://[::1]:9/x", "http://169.254.170.23/v1/credentials", "http://[fd00:ec2::23]/v1",
                             "https://creds.example.com/path?x=1", "https://10.1.2.3:8443/"}) {
        env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", good);
        EXPECT_TRUE(container_credentials_url(env)) << good;
    }
    for (const char* refused : {"http://169.254.169.254/latest", "http://evil.example/creds", "http://127.0.0.1.nip.io/",
                                "http://127.0.0.1@evil.example/", "http://user:pw@127.0.0.1/", "http://[::2]/",
                                "http://localhost.evil.example/"}) {
        env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", refused);
        const std::string error = error_of(container_credentials_url(env));
        EXPECT_EQ(error.rfind("AWS_CONTAINER_CREDENTIALS_FULL_URI ", 0), 0u) << refused << ": " << error;
        EXPECT_EQ(error.find("pw"), std::string::npos);
    }
    for (const char* malformed : {"ftp://127.0.0.1/", "127.0.0.1/creds", "http:///x", "http://127.0.0.1:99999/",
                                  "http://127.0.0.1:8a/", "http://[::1/", "http://127.0.0.1\\@evil/"}) {
        env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", malformed);
        EXPECT_NE(error_of(container_credentials_url(env)).find("is not an http:// or https:// URL"), std::string::npos)
            << malformed;
    }
}

TEST(ContainerToken, TheFileIsReadAtEachUseAndWins) {
    testing::TempDir dir;
    const std::string path = dir.path() + "/token";
    util::Env env;
    EXPECT_FALSE(*container_authorization(env));  // none: no header
    env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "from-variable");
    EXPECT_EQ(**container_authorization(env), "from-variable");
    env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", path);
    std::ofstream(path) << "from-file-1\n";
    EXPECT_EQ(**container_authorization(env), "from-file-1");  // a trailing line end is not the token
    std::ofstream(path) << "from-file-2";
    EXPECT_EQ(**container_authorization(env), "from-file-2");  // rotated: read again
}

TEST(ContainerToken, HostileTokensAreRefusedWithoutShowingThem) {
    testing::TempDir dir;
    const std::string path = dir.path() + "/token";
    util::Env env;
    env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "secret\r\nX-Injected: 1");
    auto injected = container_authorization(env);
    ASSERT_FALSE(injected);
    EXPECT_EQ(injected.error().message,
              "AWS_CONTAINER_AUTHORIZATION_TOKEN holds a line break or another control character "
              "(not a legal Authorization header value)");
    env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", path);
    auto missing = container_authorization(env);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, Errc::io);
    EXPECT_NE(missing.error().message.find("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " + path), std::string::npos);
    std::ofstream(path) << "secret\nX-Injected: 1";
    auto in_file = container_authorization(env);
    ASSERT_FALSE(in_file);
    EXPECT_EQ(in_file.error().message.find("secret"), std::string::npos);
    std::ofstream(path) << std::string(k_max_container_token_bytes + 1, 'a');
    auto huge = container_authorization(env);
    ASSERT_FALSE(huge);
    EXPECT_NE(huge.error().message.find("larger than 16 KiB"), std::string::npos);
    std::ofstream(path) << "";
    auto empty = container_authorization(env);
    ASSERT_FALSE(empty);
    EXPECT_NE(empty.error().message.find("is empty"), std::string::npos);
}

}  // namespace
}  // namespace awsume_shell::credentials
