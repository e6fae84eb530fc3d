// The device authorization flow against a scripted SSO-OIDC, on a fixed clock: scopes,
// registration reuse, the poll loop (interval, pending, slow_down, expiry, denial, Ctrl-C)
// and the token file it writes. No test sleeps for real.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "awsume_shell/cache/sso_registration.hpp"
#include "awsume_shell/credentials/sso_login.hpp"
#include "unit/cache/temp_dir.hpp"
#include "unit/credentials/scripted_sso_oidc.hpp"

namespace awsume_shell::testing {
namespace {

constexpr util::UnixTime k_start = 1'796'205'600;

config::SsoSettings session(std::vector<std::string> scopes = {}) {
    config::SsoSettings sso;
    sso.session_name = "corp";
    sso.start_url = "https://d-1.awsapps.com/start";
    sso.region = "eu-west-1";
    sso.scopes = std::move(scopes);
    sso.profile = "dev";
    return sso;
}

struct Flow {
    TempDir dir;
    util::FixedClock clock{k_start};
    util::FixedClockSleeper sleeper{clock};
    ScriptedSsoOidc oidc{clock};
    RecordingUi ui;
    util::Log log{false};
    credentials::SignInContext context() { return {oidc, clock, sleeper, ui, log, dir.path() + "/cache"}; }
    Result<cache::SsoToken> run(const config::SsoSettings& sso = session()) { return credentials::sign_in(sso, context()); }
    std::string token_path(const std::string& key = "corp") { return cache::sso_token_path(dir.path() + "/cache", key); }
};

TEST(SsoSignIn, RegistersWithTheDefaultScopeAndWritesTheTokenAsTheAwsCli) {
    Flow flow;
    flow.oidc.token_script = {"AuthorizationPendingException", "AuthorizationPendingException"};
    auto token = flow.run();
    ASSERT_TRUE(token) << token.error().message;
    ASSERT_EQ(flow.oidc.registers.size(), 1u);
    EXPECT_EQ(flow.oidc.registers[0].scopes, std::vector<std::string>{"sso:account:access"});
    EXPECT_EQ(flow.oidc.registers[0].region, "eu-west-1");
    ASSERT_EQ(flow.oidc.authorizations.size(), 1u);
    EXPECT_EQ(flow.oidc.authorizations[0].start_url, "https://d-1.awsapps.com/start");
    EXPECT_EQ(flow.oidc.authorizations[0].client_id, "client-1");
    ASSERT_EQ(flow.oidc.tokens.size(), 3u);
    EXPECT_EQ(flow.oidc.tokens[2].grant_type, aws::k_device_code_grant);
    EXPECT_EQ(flow.oidc.tokens[2].device_code, "device-code-secret");
    // Every poll one interval after the last, the first one interval after the start.
    EXPECT_EQ(flow.oidc.token_times, (std::vector<util::UnixTime>{k_start + 5, k_start + 10, k_start + 15}));

    auto file = cache::read_sso_token(flow.token_path());
    ASSERT_TRUE(file && *file);
    EXPECT_EQ((*file)->access_token, "access-token-3");
    EXPECT_EQ((*file)->expires_at, k_start + 15 + 28800);
    EXPECT_EQ((*file)->refresh_token, "refresh-token-3");
    EXPECT_EQ((*file)->client_id, "client-1");
    EXPECT_EQ((*file)->client_secret, "client-secret-1");
    EXPECT_EQ((*file)->registration_expires_at, k_start + 90 * 86400);
    EXPECT_EQ((*file)->region, "eu-west-1");
    EXPECT_EQ((*file)->start_url, "https://d-1.awsapps.com/start");

    EXPECT_NE(flow.ui.shown.find("https://device.example/"), std::string::npos) << flow.ui.shown;
    EXPECT_NE(flow.ui.shown.find("ABCD-EFGH"), std::string::npos);
    EXPECT_EQ(flow.ui.shown.find("device-code-secret"), std::string::npos);
    EXPECT_EQ(flow.ui.opened, std::vector<std::string>{"https://device.example/?user_code=ABCD-EFGH"});
}

TEST(SsoSignIn, ConfiguredScopesAreUsedAndALegacyProfileHasNone) {
    Flow flow;
    ASSERT_TRUE(flow.run(session({"sso:account:access", "codewhisperer:completions"})));
    EXPECT_EQ(flow.oidc.registers.back().scopes,
              (std::vector<std::string>{"sso:account:access", "codewhisperer:completions"}));
    config::SsoSettings legacy = session({"ignored"});
    legacy.session_name.clear();
    ASSERT_TRUE(flow.run(legacy));
    EXPECT_TRUE(flow.oidc.registers.back().scopes.empty());
    EXPECT_TRUE(cache::read_sso_token(flow.token_path(legacy.start_url))->has_value());
}

TEST(SsoSignIn, AValidRegistrationIsReusedAndAnExpiringOneIsNot) {
    Flow flow;
    ASSERT_TRUE(flow.run());
    ASSERT_TRUE(flow.run());
    EXPECT_EQ(flow.oidc.registers.size(), 1u);
    EXPECT_EQ(flow.oidc.authorizations[1].client_id, "client-1");
    const std::string path = cache::sso_registration_path(flow.dir.path() + "/cache", "https://d-1.awsapps.com/start",
                                                          "corp", "eu-west-1", {"sso:account:access"});
    auto saved = cache::read_sso_registration(path);
    ASSERT_TRUE(saved && *saved) << path;
    EXPECT_EQ((*saved)->client_secret, "client-secret-1");

    flow.clock.advance(90 * 86400 - 15 * 60);  // 15 minutes left: register again
    ASSERT_TRUE(flow.run());
    EXPECT_EQ(flow.oidc.registers.size(), 2u);
    EXPECT_EQ(flow.oidc.authorizations[2].client_id, "client-2");
}

TEST(SsoSignIn, AClientAwsNoLongerKnowsIsRegisteredAgainOnce) {
    Flow flow;
    ASSERT_TRUE(flow.run());
    flow.oidc.authorization_error = Error{Errc::aws, "InvalidClientException: gone", "InvalidClientException"};
    ASSERT_TRUE(flow.run());
    EXPECT_EQ(flow.oidc.registers.size(), 2u);
    EXPECT_EQ(flow.oidc.authorizations.size(), 3u);
    EXPECT_EQ(flow.oidc.authorizations[2].client_id, "client-2");
}

TEST(SsoSignIn, SlowDownAddsFiveSecondsEachTime) {
    Flow flow;
    flow.oidc.token_script = {"SlowDownException", "SlowDownException", "AuthorizationPendingException"};
    ASSERT_TRUE(flow.run());
    EXPECT_EQ(flow.oidc.token_times,
              (std::vector<util::UnixTime>{k_start + 5, k_start + 15, k_start + 30, k_start + 45}));
}

TEST(SsoSignIn, TheServersIntervalIsHonouredAndBounded) {
    Flow flow;
    flow.oidc.device.interval = 2;
    flow.oidc.token_script = {"AuthorizationPendingException"};
    ASSERT_TRUE(flow.run());
    EXPECT_EQ(flow.oidc.token_times, (std::vector<util::UnixTime>{k_start + 2, k_start + 4}));
    Flow hostile;
    hostile.oidc.device.interval = 86400;
    ASSERT_TRUE(hostile.run());
    EXPECT_EQ(hostile.oidc.token_times, (std::vector<util::UnixTime>{k_start + 60}));
}

TEST(SsoSignIn, ACodeThatExpiresEndsWithTheSignInError) {
    Flow flow;
    flow.oidc.device.expires_in = 12;
    flow.oidc.token_script = std::deque<std::string>(10, "AuthorizationPendingException");
    auto token = flow.run();
    ASSERT_FALSE(token);
    EXPECT_EQ(token.error().code, Errc::sign_in);
    EXPECT_EQ(token.error().message,
              "profile 'dev': the sign-in code for the IAM Identity Center session 'corp' expired before it was "
              "approved: run `awsume-shell login dev` again");
    EXPECT_EQ(flow.oidc.tokens.size(), 2u);  // at +5 and +10; +15 is past the code's life
    EXPECT_FALSE(cache::read_sso_token(flow.token_path())->has_value());

    Flow told;
    told.oidc.token_script = {"ExpiredTokenException"};
    auto expired = told.run();
    ASSERT_FALSE(expired);
    EXPECT_EQ(expired.error().code, Errc::sign_in);
}

TEST(SsoSignIn, ADeniedSignInAndOtherErrorsAreNamed) {
    Flow flow;
    flow.oidc.token_script = {"AccessDeniedException"};
    auto denied = flow.run();
    ASSERT_FALSE(denied);
    EXPECT_EQ(denied.error().code, Errc::sign_in);
    EXPECT_NE(denied.error().message.find("was denied (AccessDeniedException)"), std::string::npos);

    Flow other;
    other.oidc.token_script = {"InvalidRequestException"};
    auto invalid = other.run();
    ASSERT_FALSE(invalid);
    EXPECT_EQ(invalid.error().code, Errc::aws);
    EXPECT_EQ(invalid.error().aws_code, "InvalidRequestException");

    Flow network;
    network.oidc.token_script = {"network", "network", "AuthorizationPendingException"};
    EXPECT_TRUE(network.run());
    Flow down;
    down.oidc.token_script = {"network", "network", "network"};
    auto failed = down.run();
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, Errc::network);
}

TEST(SsoSignIn, CtrlCWritesNothing) {
    Flow flow;
    InterruptingSleeper sleeper(flow.clock, 2);
    flow.oidc.token_script = {"AuthorizationPendingException"};
    credentials::SignInContext context{flow.oidc, flow.clock, sleeper, flow.ui, flow.log, flow.dir.path() + "/cache"};
    auto token = credentials::sign_in(session(), context);
    ASSERT_FALSE(token);
    EXPECT_EQ(token.error().code, Errc::interrupted);
    EXPECT_EQ(exit_code_for(token.error().code), 130);
    EXPECT_FALSE(cache::read_sso_token(flow.token_path())->has_value());
}

TEST(SsoSignIn, WhatTheServerSaysIsEscapedAndOnlyWebUrlsAreOpened) {
    Flow flow;
    flow.oidc.device.verification_uri = "https://x/\x1b]0;owned\x07";
    flow.oidc.device.user_code = "AB\x1b[2JCD";
    flow.oidc.device.verification_uri_complete = "file:///etc/passwd";
    ASSERT_TRUE(flow.run());
    EXPECT_EQ(flow.ui.shown.find('\x1b'), std::string::npos) << flow.ui.shown;
    EXPECT_NE(flow.ui.shown.find("AB\\x1b[2JCD"), std::string::npos) << flow.ui.shown;
    EXPECT_EQ(flow.ui.opened, std::vector<std::string>{"https://x/\x1b]0;owned\x07"});

    Flow no_web;
    no_web.oidc.device.verification_uri = "javascript:alert(1)";
    no_web.oidc.device.verification_uri_complete.clear();
    ASSERT_TRUE(no_web.run());
    EXPECT_TRUE(no_web.ui.opened.empty());
    EXPECT_NE(no_web.ui.shown.find("not opening a browser"), std::string::npos);
}

TEST(SsoSignIn, AnAuthorizationWithoutCodeIsRefused) {
    Flow flow;
    flow.oidc.device.user_code.clear();
    auto token = flow.run();
    ASSERT_FALSE(token);
    EXPECT_EQ(token.error().code, Errc::network);
    EXPECT_TRUE(flow.oidc.tokens.empty());
}

TEST(SsoSignIn, UnknownMembersOfAnExistingTokenFileAreKept) {
    Flow flow;
    ::mkdir(flow.dir.file("cache").c_str(), 0700);
    write_text(flow.token_path(), R"({"accessToken": "old", "expiresAt": "2020-01-01T00:00:00Z", "mine": [1]})");
    ASSERT_TRUE(flow.run());
    const auto doc = nlohmann::json::parse(read_text(flow.token_path()));
    EXPECT_EQ(doc["mine"], nlohmann::json::array({1}));
    EXPECT_EQ(doc["accessToken"], "access-token-1");
}

}  // namespace
}  // namespace awsume_shell::testing
