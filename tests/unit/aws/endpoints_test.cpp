#include "awsume_shell/aws/endpoints.hpp"

#include <gtest/gtest.h>

namespace aws = awsume_shell::aws;
using awsume_shell::Errc;

namespace {

aws::ClientOptions options_with(const std::string& region) {
    aws::ClientOptions options;
    options.region = region;
    return options;
}

TEST(Endpoints, StsIsGlobalWithoutRegion) {
    auto endpoint = aws::sts_endpoint(options_with(""));
    ASSERT_TRUE(endpoint);
    EXPECT_EQ(endpoint->url, "https://sts.amazonaws.com/");
    EXPECT_EQ(endpoint->host, "sts.amazonaws.com");
    EXPECT_EQ(endpoint->signing_region, "us-east-1");
}

TEST(Endpoints, StsIsRegionalWithRegion) {
    auto endpoint = aws::sts_endpoint(options_with("eu-west-1"));
    ASSERT_TRUE(endpoint);
    EXPECT_EQ(endpoint->url, "https://sts.eu-west-1.amazonaws.com/");
    EXPECT_EQ(endpoint->signing_region, "eu-west-1");
}

TEST(Endpoints, StsInChinaUsesTheCnDomain) {
    auto endpoint = aws::sts_endpoint(options_with("cn-northwest-1"));
    ASSERT_TRUE(endpoint);
    EXPECT_EQ(endpoint->url, "https://sts.cn-northwest-1.amazonaws.com.cn/");
    EXPECT_EQ(endpoint->signing_region, "cn-northwest-1");
}

TEST(Endpoints, StsOverridesInContractOrder) {
    auto options = options_with("eu-west-1");
    options.endpoint_url = "https://profile.example.com";
    EXPECT_EQ(aws::sts_endpoint(options)->url, "https://profile.example.com/");
    options.env.set("AWS_ENDPOINT_URL", "https://global.example.com/");
    EXPECT_EQ(aws::sts_endpoint(options)->url, "https://global.example.com/");
    options.env.set("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:4566");
    auto endpoint = aws::sts_endpoint(options);
    ASSERT_TRUE(endpoint);
    EXPECT_EQ(endpoint->url, "http://127.0.0.1:4566/");
    EXPECT_EQ(endpoint->host, "127.0.0.1:4566");
    EXPECT_EQ(endpoint->signing_region, "eu-west-1");
}

TEST(Endpoints, CustomEndpointSignsForUsEast1WithoutRegion) {
    auto options = options_with("");
    options.env.set("AWS_ENDPOINT_URL", "https://sts.internal.example/base/");
    auto endpoint = aws::sts_endpoint(options);
    ASSERT_TRUE(endpoint);
    EXPECT_EQ(endpoint->signing_region, "us-east-1");
    EXPECT_EQ(endpoint->path, "/base/");
    EXPECT_EQ(endpoint->host, "sts.internal.example");
}

TEST(Endpoints, PlainHttpOnlyOnLoopback) {
    auto options = options_with("");
    options.env.set("AWS_ENDPOINT_URL_STS", "http://sts.example.com");
    auto endpoint = aws::sts_endpoint(options);
    ASSERT_FALSE(endpoint);
    EXPECT_EQ(endpoint.error().code, Errc::config);
    EXPECT_EQ(endpoint.error().message.rfind("AWS_ENDPOINT_URL_STS: ", 0), 0u);

    options.env.unset("AWS_ENDPOINT_URL_STS");
    options.endpoint_url = "http://10.0.0.1:8080";
    endpoint = aws::sts_endpoint(options);
    ASSERT_FALSE(endpoint);
    EXPECT_EQ(endpoint.error().message.rfind("endpoint_url: ", 0), 0u);

    for (const char* url : {"http://localhost:1234", "http://127.9.8.7/", "http://[::1]:99"}) {
        options.endpoint_url = url;
        EXPECT_TRUE(aws::sts_endpoint(options)) << url;
    }
}

TEST(Endpoints, RejectsOddUrls) {
    for (const char* url : {"sts.example.com", "ftp://x", "https://", "https://u@h/",
                            "https://h/?a=b"}) {
        EXPECT_FALSE(aws::parse_endpoint_url(url, "endpoint_url", "us-east-1")) << url;
    }
}

TEST(Endpoints, LoopbackDetection) {
    EXPECT_TRUE(aws::is_loopback_host("127.0.0.1"));
    EXPECT_TRUE(aws::is_loopback_host("LOCALHOST"));
    EXPECT_TRUE(aws::is_loopback_host("::1"));
    EXPECT_FALSE(aws::is_loopback_host("127.0.0.1.example.com"));
    EXPECT_FALSE(aws::is_loopback_host("128.0.0.1"));
    EXPECT_FALSE(aws::is_loopback_host("127.0.0"));
    EXPECT_FALSE(aws::is_loopback_host("127.0.0.256"));
}

TEST(Endpoints, IamPerPartition) {
    auto aws_iam = aws::iam_endpoint(options_with("eu-west-1"));
    EXPECT_EQ(aws_iam->url, "https://iam.amazonaws.com/");
    EXPECT_EQ(aws_iam->signing_region, "us-east-1");
    auto cn = aws::iam_endpoint(options_with("cn-north-1"));
    EXPECT_EQ(cn->url, "https://iam.cn-north-1.amazonaws.com.cn/");
    EXPECT_EQ(cn->signing_region, "cn-north-1");
    auto options = options_with("");
    options.partition = "aws-us-gov";
    auto gov = aws::iam_endpoint(options);
    EXPECT_EQ(gov->url, "https://iam.us-gov.amazonaws.com/");
    EXPECT_EQ(gov->signing_region, "us-gov-west-1");
}

TEST(Endpoints, IamOverrides) {
    auto options = options_with("eu-west-1");
    options.endpoint_url = "https://profile.example.com";  // STS only
    EXPECT_EQ(aws::iam_endpoint(options)->url, "https://iam.amazonaws.com/");
    options.env.set("AWS_ENDPOINT_URL", "https://global.example.com");
    EXPECT_EQ(aws::iam_endpoint(options)->url, "https://global.example.com/");
    options.env.set("AWS_ENDPOINT_URL_IAM", "http://localhost:9000");
    auto endpoint = aws::iam_endpoint(options);
    EXPECT_EQ(endpoint->url, "http://localhost:9000/");
    // IAM is global: it signs for us-east-1 whatever URL it is reached at.
    EXPECT_EQ(endpoint->signing_region, "us-east-1");
}

}  // namespace


namespace {

TEST(Endpoints, ARegionThatIsNoHostLabelNeverReachesTheHostName) {
    auto endpoint = aws::sts_endpoint(options_with("x@evil.example/"));
    ASSERT_FALSE(endpoint);
    EXPECT_EQ(endpoint.error().code, Errc::config);
}

}  // namespace
