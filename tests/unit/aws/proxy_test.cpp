// Which proxy a request goes through: decided by us per endpoint, never by libcurl's own
// reading of the environment (issue 8 item 6).
#include "awsume_shell/aws/proxy.hpp"

#include <gtest/gtest.h>

namespace aws = awsume_shell::aws;
using awsume_shell::Errc;
using awsume_shell::util::Env;

namespace {

constexpr const char* k_proxy = "http://proxy.corp.example:3128";

Env all_proxies() {
    Env env;
    for (const char* name : {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY",
                             "all_proxy", "ALL_PROXY"}) {
        env.set(name, k_proxy);
    }
    return env;
}

std::string proxy(const std::string& url, const Env& env) {
    auto chosen = aws::proxy_for(url, env);
    EXPECT_TRUE(chosen) << chosen.error().message;
    return chosen ? *chosen : "<error>";
}

TEST(Proxy, LoopbackEndpointsNeverUseAProxy) {
    const Env env = all_proxies();
    EXPECT_EQ(proxy("http://127.0.0.1:4566/", env), "");
    EXPECT_EQ(proxy("http://127.3.4.5/", env), "");
    EXPECT_EQ(proxy("https://localhost:8443/", env), "");
    EXPECT_EQ(proxy("http://[::1]:8080/", env), "");
}

TEST(Proxy, HttpsUsesHttpsProxyThenAllProxy) {
    Env env;
    EXPECT_EQ(proxy("https://sts.amazonaws.com/", env), "");
    env.set("http_proxy", "http://only-for-http:1");
    EXPECT_EQ(proxy("https://sts.amazonaws.com/", env), "") << "http_proxy is for http:// only";
    env.set("ALL_PROXY", "http://all:1");
    EXPECT_EQ(proxy("https://sts.amazonaws.com/", env), "http://all:1");
    env.set("all_proxy", "http://all-lower:1");
    EXPECT_EQ(proxy("https://sts.amazonaws.com/", env), "http://all-lower:1");
    env.set("HTTPS_PROXY", "http://https-upper:1");
    EXPECT_EQ(proxy("https://sts.amazonaws.com/", env), "http://https-upper:1");
    env.set("https_proxy", "http://https-lower:1");
    EXPECT_EQ(proxy("https://iam.amazonaws.com/", env), "http://https-lower:1");
}

TEST(Proxy, EmptyVariablesAreUnset) {
    Env env;
    env.set("https_proxy", "");
    env.set("HTTPS_PROXY", k_proxy);
    EXPECT_EQ(proxy("https://sts.amazonaws.com/", env), k_proxy);
}

TEST(Proxy, NoProxyFormsOfCurlAndBotocore) {
    const char* url = "https://sts.eu-west-1.amazonaws.com/";
    for (const char* bypass : {"*", "amazonaws.com", ".amazonaws.com", "sts.eu-west-1.amazonaws.com",
                               "AMAZONAWS.COM", "example.com, amazonaws.com", " example.com ,.amazonaws.com ",
                               "sts.eu-west-1.amazonaws.com:443"}) {
        Env env = all_proxies();
        env.set("NO_PROXY", bypass);
        EXPECT_EQ(proxy(url, env), "") << "NO_PROXY=" << bypass;
        Env lower = all_proxies();
        lower.set("no_proxy", bypass);
        EXPECT_EQ(proxy(url, lower), "") << "no_proxy=" << bypass;
    }
    for (const char* other : {"example.com", "zonaws.com", "eu-west-1.amazonaws.co", "sts.eu-west-1.amazonaws.com:8443",
                              "10.0.0.0/8", ",", "", "*.amazonaws.com.evil"}) {
        Env env = all_proxies();
        env.set("NO_PROXY", other);
        EXPECT_EQ(proxy(url, env), k_proxy) << "NO_PROXY=" << other;
    }
}

TEST(Proxy, NoProxyMatchesAddressesAndCidrRanges) {
    Env env = all_proxies();
    env.set("NO_PROXY", "10.0.0.0/8,192.168.1.7,2001:db8::/32");
    EXPECT_EQ(proxy("https://10.20.30.40/", env), "");
    EXPECT_EQ(proxy("https://192.168.1.7:8443/", env), "");
    EXPECT_EQ(proxy("https://[2001:db8::5]/", env), "");
    EXPECT_EQ(proxy("https://192.168.1.8/", env), k_proxy);
    EXPECT_EQ(proxy("https://11.0.0.1/", env), k_proxy);
    EXPECT_EQ(proxy("https://[2001:db9::5]/", env), k_proxy);
    env.set("NO_PROXY", "[2001:db8::5]");
    EXPECT_EQ(proxy("https://[2001:db8::5]:443/", env), "");
}

TEST(Proxy, PlainHttpIsNeverSentThroughAProxy) {
    Env env = all_proxies();
    auto chosen = aws::proxy_for("http://sts.example.com/", env);
    ASSERT_FALSE(chosen);
    EXPECT_EQ(chosen.error().code, Errc::config);
    EXPECT_NE(chosen.error().message.find("http_proxy"), std::string::npos) << chosen.error().message;
    env.set("NO_PROXY", "example.com");
    EXPECT_EQ(proxy("http://sts.example.com/", env), "");
}

TEST(Proxy, AProxyWithAControlCharacterIsRefusedWithoutItsPassword) {
    Env env;
    env.set("HTTPS_PROXY", "http://user:s3cr3t@proxy.example:8080/\x1b[31m");
    auto chosen = aws::proxy_for("https://sts.example.com/", env);
    ASSERT_FALSE(chosen);
    EXPECT_EQ(chosen.error().code, Errc::config);
    EXPECT_NE(chosen.error().message.find("HTTPS_PROXY"), std::string::npos) << chosen.error().message;
    EXPECT_EQ(chosen.error().message.find("s3cr3t"), std::string::npos) << chosen.error().message;
    EXPECT_EQ(chosen.error().message.find('\x1b'), std::string::npos) << chosen.error().message;
}

TEST(Proxy, RedactedProxyHidesOnlyTheUserInfo) {
    EXPECT_EQ(aws::redact_proxy("http://user:pw@proxy.example:8080/x"), "http://***@proxy.example:8080/x");
    EXPECT_EQ(aws::redact_proxy("user:p@w@proxy.example:8080"), "***@proxy.example:8080");
    EXPECT_EQ(aws::redact_proxy("http://proxy.example:8080/a@b"), "http://proxy.example:8080/a@b");
}

}  // namespace
