#include "awsume_shell/output/environment.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using awsume_shell::output::apply;
using awsume_shell::output::credential_environment;
using awsume_shell::output::EnvChanges;
using awsume_shell::output::SessionInfo;

namespace {

SessionInfo temporary() {
    SessionInfo info;
    info.profile = "prod";
    info.region = "eu-west-1";
    info.credentials.access_key_id = "ASIAEXAMPLE";
    info.credentials.secret_access_key = "secret";
    info.credentials.session_token = "token";
    info.credentials.expiration = 1795317260;
    return info;
}

std::vector<std::string> names(const EnvChanges& c) {
    std::vector<std::string> out;
    for (const auto& [name, value] : c.set) {
        out.push_back(name);
    }
    return out;
}

bool unsets(const EnvChanges& c, const std::string& name) {
    return std::find(c.unset.begin(), c.unset.end(), name) != c.unset.end();
}

}  // namespace

TEST(CredentialEnvironment, TemporaryCredentialsSetEverythingInOrder) {
    const auto c = credential_environment(temporary());
    EXPECT_EQ(names(c), (std::vector<std::string>{
                            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                            "AWS_SECURITY_TOKEN", "AWSUME_PROFILE", "AWS_CREDENTIAL_EXPIRATION",
                            "AWSUME_SHELL_EXPIRES", "AWS_REGION", "AWS_DEFAULT_REGION"}));
    EXPECT_EQ(c.set[2].second, "token");
    EXPECT_EQ(c.set[3].second, "token");
    EXPECT_EQ(c.set[4].second, "prod");
    EXPECT_EQ(c.set[5].second, "2026-11-22T03:14:20Z");
    EXPECT_EQ(c.set[6].second, "1795317260");
    EXPECT_EQ(c.set[7].second, "eu-west-1");
    EXPECT_EQ(c.unset, (std::vector<std::string>{"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWSUME_SHELL_SERVER_DIR"}));
}

TEST(CredentialEnvironment, LongTermKeysUnsetTokenAndExpiry) {
    SessionInfo info = temporary();
    info.credentials.session_token.clear();
    info.credentials.expiration.reset();
    info.region.reset();
    const auto c = credential_environment(info);
    EXPECT_EQ(names(c), (std::vector<std::string>{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                                                  "AWSUME_PROFILE"}));
    for (const char* n : {"AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_CREDENTIAL_EXPIRATION",
                          "AWSUME_SHELL_EXPIRES", "AWS_PROFILE", "AWS_DEFAULT_PROFILE"}) {
        EXPECT_TRUE(unsets(c, n)) << n;
    }
    EXPECT_FALSE(unsets(c, "AWS_REGION"));  // unknown region: left as it is
}

TEST(CredentialEnvironment, OutputProfileSetsAwsProfile) {
    SessionInfo info = temporary();
    info.output_profile = "awsume-prod";
    const auto c = credential_environment(info);
    EXPECT_EQ(c.set[c.set.size() - 2], (std::pair<std::string, std::string>{"AWS_PROFILE", "awsume-prod"}));
    EXPECT_EQ(c.set.back(), (std::pair<std::string, std::string>{"AWS_DEFAULT_PROFILE", "awsume-prod"}));
    EXPECT_EQ(c.unset, (std::vector<std::string>{"AWSUME_SHELL_SERVER_DIR"}));
}

TEST(CredentialEnvironment, ApplyReplacesStaleSession) {
    awsume_shell::util::Env env;
    env.set("AWS_PROFILE", "old");
    env.set("AWS_SESSION_TOKEN", "old-token");
    env.set("AWS_SECRET_ACCESS_KEY", "old-secret");
    env.set("PATH", "/bin");
    SessionInfo info = temporary();
    info.credentials.session_token.clear();
    apply(credential_environment(info), env);
    EXPECT_FALSE(env.has("AWS_PROFILE"));
    EXPECT_FALSE(env.has("AWS_SESSION_TOKEN"));
    EXPECT_EQ(env.get("AWS_SECRET_ACCESS_KEY"), "secret");
    EXPECT_EQ(env.get("PATH"), "/bin");
}
