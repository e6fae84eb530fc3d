// The AWS CLI's SSO token cache: file names, every expiresAt form, hostile files, and a
// rewrite that keeps what it does not know.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "awsume_shell/cache/sso_token.hpp"
#include "unit/cache/temp_dir.hpp"

namespace cache = awsume_shell::cache;
using awsume_shell::Errc;
using awsume_shell::testing::mode_of;
using awsume_shell::testing::read_text;
using awsume_shell::testing::TempDir;
using awsume_shell::testing::write_text;

namespace {

constexpr awsume_shell::util::UnixTime k_ten = 1796205600;  // 2026-12-02T10:00:00Z

const char* k_cli_file = R"({"startUrl": "https://d-1.awsapps.com/start", "region": "eu-west-1",
 "accessToken": "AT", "expiresAt": "2026-12-02T10:00:00Z", "clientId": "CID",
 "clientSecret": "CS", "registrationExpiresAt": "2027-03-02T10:00:00Z", "refreshToken": "RT"})";

}  // namespace

TEST(SsoTokenPath, IsTheSha1OfTheSessionNameOrStartUrl) {
    // hashlib.sha1(b"my-sso").hexdigest(), as botocore's SSOTokenLoader names the file.
    EXPECT_EQ(cache::sso_token_path("/h/.aws/sso/cache", "my-sso"),
              "/h/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json");
    EXPECT_EQ(cache::sso_token_path("/d", "https://my-sso-portal.awsapps.com/start"),
              "/d/c7aaaf71fcc8777ae2475525ed049d39fe16c484.json");
    awsume_shell::util::Env env;
    env.set("HOME", "/home/u");
    EXPECT_EQ(cache::sso_cache_dir(env), "/home/u/.aws/sso/cache");
}

TEST(SsoTime, EveryFormFoundInTheWild) {
    for (const char* text : {"2026-12-02T10:00:00Z", "2026-12-02T10:00:00UTC", "2026-12-02T10:00:00 UTC",
                             "2026-12-02 10:00:00 UTC", "2026-12-02T10:00:00+00:00",
                             "2026-12-02 10:00:00+00:00", "2026-12-02T10:00:00.123456+00:00",
                             "2026-12-02T10:00:00.5Z", "2026-12-02T10:00:00GMT", "2026-12-02T11:00:00+01:00",
                             "2026-12-02T08:30:00-01:30", "2026-12-02T10:00:00+0000",
                             "2026-12-02T10:00:00 +00:00"}) {
        EXPECT_EQ(cache::parse_sso_time(text), k_ten) << text;
    }
}

TEST(SsoTime, RefusesNaiveAndBrokenTimes) {
    for (const char* text : {"2026-12-02T10:00:00", "2026-12-02 10:00:00", "", "UTC", "2026-12-02",
                             "2026-13-02T10:00:00Z", "2026-12-02T10:00:00ZZ", "tomorrow",
                             "2026-12-02T10:00:00+25:00", "2026-12-02T10:00:00 PST"}) {
        EXPECT_FALSE(cache::parse_sso_time(text).has_value()) << text;
    }
    EXPECT_FALSE(cache::parse_sso_time(std::string(100, '1') + "Z").has_value());
}

TEST(SsoTokenJson, ReadsTheAwsCliFile) {
    std::string problem;
    const auto token = cache::sso_token_from_json(k_cli_file, problem);
    ASSERT_TRUE(token) << problem;
    EXPECT_EQ(token->access_token, "AT");
    EXPECT_EQ(token->expires_at, k_ten);
    EXPECT_EQ(token->refresh_token, "RT");
    EXPECT_EQ(token->client_id, "CID");
    EXPECT_EQ(token->client_secret, "CS");
    EXPECT_EQ(token->registration_expires_at, k_ten + 90 * 86400);
    EXPECT_EQ(token->region, "eu-west-1");
    EXPECT_EQ(token->start_url, "https://d-1.awsapps.com/start");
    EXPECT_TRUE(token->can_refresh(k_ten));
    EXPECT_FALSE(token->can_refresh(k_ten + 90 * 86400));
}

TEST(SsoTokenJson, ALegacyTokenHasNothingToRefreshWith) {
    std::string problem;
    const auto token =
        cache::sso_token_from_json(R"({"accessToken": "AT", "expiresAt": "2026-12-02T10:00:00UTC"})", problem);
    ASSERT_TRUE(token) << problem;
    EXPECT_FALSE(token->refresh_token);
    EXPECT_FALSE(token->can_refresh(0));
}

TEST(SsoTokenJson, HostileContentIsNamed) {
    const std::pair<const char*, const char*> cases[] = {
        {"", "not a JSON object"},
        {"[1]", "not a JSON object"},
        {R"({"expiresAt": "2026-12-02T10:00:00Z"})", "no \"accessToken\""},
        {R"({"accessToken": "", "expiresAt": "2026-12-02T10:00:00Z"})", "no \"accessToken\""},
        {R"({"accessToken": "AT"})", "no \"expiresAt\""},
        {R"({"accessToken": 5, "expiresAt": "2026-12-02T10:00:00Z"})", "\"accessToken\" is not a string"},
        {R"({"accessToken": "AT", "expiresAt": 1796205600})", "\"expiresAt\" is not a string"},
        {R"({"accessToken": "AT", "expiresAt": "2026-12-02T10:00:00"})", "\"expiresAt\" is not a time with a zone"},
        {R"({"accessToken": "AT", "expiresAt": "2026-12-02T10:00:00Z", "registrationExpiresAt": "x"})",
         "\"registrationExpiresAt\" is not a time with a zone"},
        {R"({"accessToken": "AT", "expiresAt": "2026-12-02T10:00:00Z", "refreshToken": {}})",
         "\"refreshToken\" is not a string"},
    };
    for (const auto& [text, expected] : cases) {
        std::string problem;
        EXPECT_FALSE(cache::sso_token_from_json(text, problem)) << text;
        EXPECT_EQ(problem, expected) << text;
    }
    std::string problem;
    const std::string huge = R"({"accessToken": "AT", "expiresAt": "2026-12-02T10:00:00Z", "x": ")" +
                             std::string(70000, 'x') + "\"}";
    EXPECT_FALSE(cache::sso_token_from_json(huge, problem));
    EXPECT_EQ(problem, "larger than 64 KiB");
}

TEST(SsoTokenFile, MissingIsNoTokenAndDamagedNamesTheFile) {
    TempDir dir;
    const std::string path = dir.file("t.json");
    auto missing = cache::read_sso_token(path);
    ASSERT_TRUE(missing);
    EXPECT_FALSE(missing->has_value());

    write_text(path, "{\"accessToken\": \"AT\"");
    ::chmod(path.c_str(), 0600);
    auto damaged = cache::read_sso_token(path);
    ASSERT_FALSE(damaged);
    EXPECT_EQ(damaged.error().code, Errc::config);
    EXPECT_EQ(damaged.error().message, path + ": not a JSON object");

    ::mkfifo(dir.file("fifo.json").c_str(), 0600);
    auto fifo = cache::read_sso_token(dir.file("fifo.json"));
    ASSERT_FALSE(fifo);
    EXPECT_NE(fifo.error().message.find("not a regular file"), std::string::npos) << fifo.error().message;

    write_text(path, k_cli_file);
    ::chmod(path.c_str(), 0666);
    auto open_to_all = cache::read_sso_token(path);
    ASSERT_FALSE(open_to_all);
    EXPECT_NE(open_to_all.error().message.find("writable by group or others"), std::string::npos);
}

TEST(SsoTokenFile, RewriteKeepsUnknownMembersAndTheirOrder) {
    TempDir dir;
    const std::string path = dir.file("sso/cache/t.json");
    ::mkdir(dir.file("sso").c_str(), 0700);
    ::mkdir(dir.file("sso/cache").c_str(), 0755);
    write_text(path, R"({"futureField": {"a": [1, 2]}, "accessToken": "OLD", "expiresAt": "2020-01-01T00:00:00UTC",
 "clientId": "CID", "clientSecret": "CS", "registrationExpiresAt": "2027-03-02T10:00:00Z",
 "refreshToken": "RT", "region": "eu-west-1", "startUrl": "https://x", "zeta": "z"})");
    ::chmod(path.c_str(), 0644);
    auto token = cache::read_sso_token(path);
    ASSERT_TRUE(token && *token);
    cache::SsoToken updated = **token;
    updated.access_token = "NEW";
    updated.expires_at = k_ten;
    updated.refresh_token = "RT2";
    ASSERT_TRUE(cache::write_sso_token(path, updated));

    const auto doc = nlohmann::ordered_json::parse(read_text(path));
    EXPECT_EQ(doc.begin().key(), "futureField");
    EXPECT_EQ(doc["futureField"]["a"][1], 2);
    EXPECT_EQ(doc["zeta"], "z");
    EXPECT_EQ(doc["accessToken"], "NEW");
    EXPECT_EQ(doc["expiresAt"], "2026-12-02T10:00:00Z");
    EXPECT_EQ(doc["refreshToken"], "RT2");
    EXPECT_EQ(doc["registrationExpiresAt"], "2027-03-02T10:00:00Z");
    EXPECT_EQ(doc.size(), 10u);
    EXPECT_EQ(mode_of(path), 0600u);
    EXPECT_EQ(mode_of(dir.file("sso/cache")), 0700u);
}

TEST(SsoTokenFile, FieldsTheNewTokenLacksAreRemovedAndDamageIsReplaced) {
    TempDir dir;
    const std::string path = dir.file("t.json");
    write_text(path, k_cli_file);
    ::chmod(path.c_str(), 0600);
    cache::SsoToken legacy;
    legacy.access_token = "AT2";
    legacy.expires_at = k_ten;
    ASSERT_TRUE(cache::write_sso_token(path, legacy));
    auto doc = nlohmann::json::parse(read_text(path));
    EXPECT_FALSE(doc.contains("refreshToken"));
    EXPECT_FALSE(doc.contains("clientSecret"));
    EXPECT_EQ(doc["accessToken"], "AT2");

    write_text(path, "garbage{");
    ASSERT_TRUE(cache::write_sso_token(path, legacy));
    auto again = cache::read_sso_token(path);
    ASSERT_TRUE(again && *again);
    EXPECT_EQ((*again)->access_token, "AT2");
}

TEST(SsoTokenFile, TheLockIsBesideTheFile) {
    TempDir dir;
    const std::string path = dir.file("new/t.json");
    auto lock = cache::lock_sso_token(path, 0);
    ASSERT_TRUE(lock) << lock.error().message;
    EXPECT_EQ(lock->path(), path + ".lock");
    EXPECT_EQ(mode_of(dir.file("new")), 0700u);
    auto second = awsume_shell::testing::in_child([&] { return cache::lock_sso_token(path, 0) ? 0 : 1; });
    EXPECT_EQ(second, 1);
}
