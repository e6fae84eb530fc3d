#include <gtest/gtest.h>

#include "awsume_shell/credentials/source_providers.hpp"

namespace awsume_shell::credentials {
namespace {

const std::string k_origin = "credential_process of profile 'ci'";

Result<model::Credentials> parse(const std::string& json) {
    return parse_credential_process_output(json, k_origin);
}

void expect_io_error(const std::string& json, const std::string& mentions) {
    auto creds = parse(json);
    ASSERT_FALSE(creds) << json;
    EXPECT_EQ(creds.error().code, Errc::io);
    EXPECT_NE(creds.error().message.find(k_origin), std::string::npos) << creds.error().message;
    EXPECT_NE(creds.error().message.find(mentions), std::string::npos) << creds.error().message;
}

TEST(ParseCredentialProcessOutput, ReadsTemporaryCredentialsWithExpiration) {
    auto creds = parse(R"({"Version": 1, "AccessKeyId": "ASIAX", "SecretAccessKey": "s",
                           "SessionToken": "t", "Expiration": "2023-11-14T22:13:20Z"})");
    ASSERT_TRUE(creds) << creds.error().message;
    EXPECT_EQ(creds->access_key_id, "ASIAX");
    EXPECT_EQ(creds->secret_access_key, "s");
    EXPECT_EQ(creds->session_token, "t");
    EXPECT_EQ(creds->expiration, 1'700'000'000);
}

TEST(ParseCredentialProcessOutput, ReadsLongTermKeysWithoutTokenOrExpiration) {
    auto creds = parse(R"({"Version": 1, "AccessKeyId": "AKIAX", "SecretAccessKey": "s"})");
    ASSERT_TRUE(creds) << creds.error().message;
    EXPECT_EQ(creds->access_key_id, "AKIAX");
    EXPECT_TRUE(creds->session_token.empty());
    EXPECT_FALSE(creds->expiration);
    EXPECT_FALSE(creds->is_temporary());
}

TEST(ParseCredentialProcessOutput, NullTokenAndExpirationCountAsAbsent) {
    auto creds = parse(R"({"Version": 1, "AccessKeyId": "AKIAX", "SecretAccessKey": "s",
                           "SessionToken": null, "Expiration": null})");
    ASSERT_TRUE(creds) << creds.error().message;
    EXPECT_TRUE(creds->session_token.empty());
    EXPECT_FALSE(creds->expiration);
}

TEST(ParseCredentialProcessOutput, MissingFieldsAreNamed) {
    expect_io_error(R"({"Version": 1, "SecretAccessKey": "s"})", "\"AccessKeyId\"");
    expect_io_error(R"({"Version": 1, "AccessKeyId": "AKIAX"})", "\"SecretAccessKey\"");
}

TEST(ParseCredentialProcessOutput, FieldOfTheWrongTypeIsNamed) {
    expect_io_error(R"({"Version": 1, "AccessKeyId": 5, "SecretAccessKey": "s"})",
                    "\"AccessKeyId\" is not a string");
}

TEST(ParseCredentialProcessOutput, VersionOtherThanOneIsRefused) {
    expect_io_error(R"({"AccessKeyId": "A", "SecretAccessKey": "s"})", "\"Version\"");
    expect_io_error(R"({"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "s"})", "\"Version\"");
    expect_io_error(R"({"Version": "1", "AccessKeyId": "A", "SecretAccessKey": "s"})", "\"Version\"");
}

TEST(ParseCredentialProcessOutput, BadExpirationIsRefused) {
    expect_io_error(R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "s",
                        "SessionToken": "t", "Expiration": "tomorrow"})",
                    "\"Expiration\"");
}

TEST(ParseCredentialProcessOutput, TextThatIsNotAJsonObjectIsRefused) {
    expect_io_error("", "not a JSON object");
    expect_io_error("AccessKeyId=A", "not a JSON object");
    expect_io_error(R"({"Version": 1,)", "not a JSON object");
    expect_io_error(R"([{"Version": 1}])", "not a JSON object");
}

TEST(ProcessProvider, RunsTheCommandAndParsesItsOutput) {
    util::Env env;
    util::FixedClock clock(1'800'000'000);
    auto provider = make_process_provider(
        R"(printf '%s' '{"Version": 1, "AccessKeyId": "AKIAPROC", "SecretAccessKey": "s"}')", "ci", "",
        env, clock);
    auto creds = provider->retrieve();
    ASSERT_TRUE(creds) << creds.error().message;
    EXPECT_EQ(creds->access_key_id, "AKIAPROC");
    EXPECT_NE(provider->describe().find("'ci'"), std::string::npos);
}

TEST(ProcessProvider, ExpiredOutputIsRefused) {
    util::Env env;
    util::FixedClock clock(1'800'000'000);  // 2027-01-15
    auto creds = make_process_provider(
        R"(printf '%s' '{"Version": 1, "AccessKeyId": "ASIA", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2020-01-01T00:00:00Z"}')",
        "ci", "", env, clock)->retrieve();
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().code, Errc::io);
    EXPECT_NE(creds.error().message.find("expired at 2020-01-01T00:00:00Z"), std::string::npos)
        << creds.error().message;
}

TEST(ProcessProvider, FailingCommandIsAnIoErrorWithItsStatus) {
    util::Env env;
    util::FixedClock clock(1'800'000'000);
    auto creds = make_process_provider("exit 3", "ci", "", env, clock)->retrieve();
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().code, Errc::io);
    EXPECT_NE(creds.error().message.find("status 3"), std::string::npos) << creds.error().message;
    EXPECT_NE(creds.error().message.find("'ci'"), std::string::npos);
}

TEST(EnvironmentProvider, ReadsKeysAndTokenFromTheEnvironment) {
    util::Env env;
    env.set("AWS_ACCESS_KEY_ID", "ASIAENV");
    env.set("AWS_SECRET_ACCESS_KEY", "s");
    env.set("AWS_SECURITY_TOKEN", "old-name-token");
    auto provider = make_environment_provider(env, "ci");
    auto creds = provider->retrieve();
    ASSERT_TRUE(creds) << creds.error().message;
    EXPECT_EQ(creds->access_key_id, "ASIAENV");
    EXPECT_EQ(creds->session_token, "old-name-token");
    env.set("AWS_SESSION_TOKEN", "new-name-token");
    EXPECT_EQ(provider->retrieve()->session_token, "new-name-token");
    EXPECT_FALSE(provider->long_term());
}

TEST(EnvironmentProvider, MissingKeysAreAConfigErrorNamingTheProfile) {
    util::Env env;
    env.set("AWS_ACCESS_KEY_ID", "AKIAENV");
    auto creds = make_environment_provider(env, "ci")->retrieve();
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().code, Errc::config);
    EXPECT_NE(creds.error().message.find("'ci'"), std::string::npos);
}

TEST(StaticProvider, HandsOutItsKeysAndIsLongTermWithoutAToken) {
    model::Credentials keys{"AKIAUSER0000000001", "secret", "", std::nullopt};
    auto provider = make_static_provider(keys, "alice");
    EXPECT_EQ(provider->retrieve()->access_key_id, "AKIAUSER0000000001");
    EXPECT_TRUE(provider->long_term());
    EXPECT_EQ(provider->identity(), "key AKIAUSER0000000001");
    EXPECT_EQ(provider->describe().find("secret"), std::string::npos);

    keys.session_token = "t";
    EXPECT_FALSE(make_static_provider(keys, "alice")->long_term());
}

}  // namespace
}  // namespace awsume_shell::credentials
