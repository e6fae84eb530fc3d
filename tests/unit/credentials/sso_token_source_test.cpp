// credentials::sso_access_token: the AWS CLI's cached token, refreshed or signed in again
// when it has less than 15 minutes left, else the exit-3 line naming `awsume-shell login`.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "awsume_shell/cache/sso_token.hpp"
#include "awsume_shell/credentials/sso_token_source.hpp"
#include "awsume_shell/util/time_format.hpp"
#include "unit/credentials/fake_api.hpp"
#include "unit/credentials/scripted_sso_oidc.hpp"

namespace awsume_shell::testing {
namespace {

config::SsoSettings session_settings() {
    config::SsoSettings sso;
    sso.session_name = "corp";
    sso.start_url = "https://d-1.awsapps.com/start";
    sso.region = "eu-west-1";
    sso.scopes = {"sso:account:access"};
    sso.profile = "dev";
    return sso;
}

/// A World whose API has an SSO-OIDC, and $HOME in its temp dir.
struct SsoWorld : World {
    SsoWorld() {
        env.set("HOME", dir.path());
        path = cache::sso_token_path(cache::sso_cache_dir(env), "corp");
    }
    void save(const cache::SsoToken& token) { ASSERT_TRUE(cache::write_sso_token(path, token)); }
    Result<std::string> token(const config::SsoSettings& sso = session_settings(), bool terminal = false,
                              const std::string& refused = {}) {
        return credentials::sso_access_token(sso, sso_services, terminal ? &ui : nullptr, &sleeper, refused);
    }
    std::string path;
    std::shared_ptr<ScriptedSsoOidc> oidc = std::make_shared<ScriptedSsoOidc>(clock);
    credentials::LazyApi sso_lazy{aws::Clients{.sso_oidc = oidc}};
    credentials::Services sso_services{env, clock, log, store, sso_lazy, mfa};
    RecordingUi ui;
    util::FixedClockSleeper sleeper{clock};
};

cache::SsoToken token_expiring_in(long seconds) {
    cache::SsoToken token;
    token.access_token = "cached-access-token";
    token.expires_at = k_now + seconds;
    return token;
}

cache::SsoToken refreshable_expiring_in(long seconds) {
    cache::SsoToken token = token_expiring_in(seconds);
    token.refresh_token = "old-refresh-token";
    token.client_id = "client-0";
    token.client_secret = "client-secret-0";
    token.registration_expires_at = k_now + 86400;
    token.region = "eu-west-1";
    token.start_url = "https://d-1.awsapps.com/start";
    return token;
}

TEST(SsoAccessToken, ACachedTokenWithMoreThan15MinutesLeftIsUsed) {
    SsoWorld world;
    world.save(refreshable_expiring_in(15 * 60 + 1));
    auto token = world.token();
    ASSERT_TRUE(token) << token.error().message;
    EXPECT_EQ(*token, "cached-access-token");
    EXPECT_TRUE(world.oidc->tokens.empty());
}

TEST(SsoAccessToken, NoTokenIsTheSignInErrorNamingTheFileAndTheCommand) {
    SsoWorld world;
    auto token = world.token();
    ASSERT_FALSE(token);
    EXPECT_EQ(token.error().code, Errc::sign_in);
    EXPECT_EQ(exit_code_for(token.error().code), 3);
    EXPECT_EQ(token.error().message,
              "profile 'dev': the IAM Identity Center session 'corp' has no valid token (none in " + world.path +
                  "): run `awsume-shell login dev`");
}

TEST(SsoAccessToken, ATokenWithLessThan15MinutesAndNoWayToRefreshIsUsedUntilItExpires) {
    SsoWorld world;  // botocore does the same: a token that cannot be renewed works while it lives
    world.save(token_expiring_in(15 * 60));
    auto token = world.token();
    ASSERT_TRUE(token) << token.error().message;
    EXPECT_EQ(*token, "cached-access-token");
    EXPECT_TRUE(world.oidc->tokens.empty());
}

TEST(SsoAccessToken, AnExpiredTokenWithNoWayToRefreshNeedsASignIn) {
    SsoWorld world;
    world.save(token_expiring_in(0));
    auto token = world.token();
    ASSERT_FALSE(token);
    EXPECT_EQ(token.error().code, Errc::sign_in);
    EXPECT_NE(token.error().message.find(world.path + " expired at "), std::string::npos) << token.error().message;
    EXPECT_NE(token.error().message.find("it cannot be refreshed"), std::string::npos) << token.error().message;
    EXPECT_EQ(token.error().message.find("cached-access-token"), std::string::npos);
    EXPECT_TRUE(world.oidc->tokens.empty());
}

TEST(SsoAccessToken, ATokenThePortalRefusedIsNeverReturnedAgain) {
    SsoWorld world;
    world.save(token_expiring_in(3600));
    auto token = world.token(session_settings(), false, "cached-access-token");
    ASSERT_FALSE(token);
    EXPECT_EQ(token.error().code, Errc::sign_in);
    EXPECT_NE(token.error().message.find("the portal refused the token in " + world.path), std::string::npos)
        << token.error().message;

    SsoWorld refreshable;  // refreshed even though its expiry is hours away
    refreshable.save(refreshable_expiring_in(3600));
    auto renewed = refreshable.token(session_settings(), false, "cached-access-token");
    ASSERT_TRUE(renewed) << renewed.error().message;
    EXPECT_EQ(*renewed, "access-token-1");

    SsoWorld replaced;  // another process has already put a new token there: that one
    replaced.save(token_expiring_in(3600));
    auto other = replaced.token(session_settings(), false, "an-older-token");
    ASSERT_TRUE(other);
    EXPECT_EQ(*other, "cached-access-token");
}

TEST(SsoAccessToken, ADamagedFileIsNamedAndALegacyProfileNamesItsStartUrl) {
    SsoWorld world;
    config::SsoSettings legacy = session_settings();
    legacy.session_name.clear();
    legacy.scopes.clear();
    const std::string path = cache::sso_token_path(cache::sso_cache_dir(world.env), legacy.start_url);
    ::mkdir((world.dir.path() + "/.aws").c_str(), 0700);
    ::mkdir((world.dir.path() + "/.aws/sso").c_str(), 0700);
    ::mkdir((world.dir.path() + "/.aws/sso/cache").c_str(), 0700);
    write_text(path, "{\"accessToken\": \"secret-in-a-broken-file\"");
    auto token = world.token(legacy);
    ASSERT_FALSE(token);
    EXPECT_EQ(token.error().message,
              "profile 'dev': the IAM Identity Center sign-in to https://d-1.awsapps.com/start has no valid token (" +
                  path + ": not a JSON object): run `awsume-shell login dev`");
}

TEST(SsoAccessToken, ABareSessionNamesLoginWithSsoSession) {
    SsoWorld world;
    config::SsoSettings bare = session_settings();
    bare.profile.clear();
    auto token = world.token(bare);
    ASSERT_FALSE(token);
    EXPECT_NE(token.error().message.find("sso-session 'corp': "), std::string::npos) << token.error().message;
    EXPECT_NE(token.error().message.find("run `awsume-shell login --sso-session corp`"), std::string::npos);
}

TEST(SsoAccessToken, LessThan15MinutesLeftIsRefreshedAndWrittenBackKeepingUnknownFields) {
    SsoWorld world;
    world.save(refreshable_expiring_in(15 * 60));
    {  // a member only another tool knows
        auto doc = nlohmann::ordered_json::parse(read_text(world.path));
        doc["otherTool"] = "kept";
        write_text(world.path, doc.dump());
    }
    auto token = world.token();
    ASSERT_TRUE(token) << token.error().message;
    EXPECT_EQ(*token, "access-token-1");
    ASSERT_EQ(world.oidc->tokens.size(), 1u);
    const aws::CreateTokenRequest& asked = world.oidc->tokens[0];
    EXPECT_EQ(asked.grant_type, aws::k_refresh_token_grant);
    EXPECT_EQ(asked.refresh_token, "old-refresh-token");
    EXPECT_EQ(asked.client_id, "client-0");
    EXPECT_EQ(asked.client_secret, "client-secret-0");
    EXPECT_EQ(asked.region, "eu-west-1");
    const auto doc = nlohmann::json::parse(read_text(world.path));
    EXPECT_EQ(doc["accessToken"], "access-token-1");
    EXPECT_EQ(doc["refreshToken"], "refresh-token-1");
    EXPECT_EQ(doc["expiresAt"], util::format_iso8601(k_now + 28800));
    EXPECT_EQ(doc["clientId"], "client-0");
    EXPECT_EQ(doc["otherTool"], "kept");
    EXPECT_EQ(mode_of(world.path), 0600u);

    // The next call finds the new token: no second refresh.
    auto again = world.token();
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, "access-token-1");
    EXPECT_EQ(world.oidc->tokens.size(), 1u);
}

TEST(SsoAccessToken, ARefreshWithoutRotationKeepsTheRefreshToken) {
    SsoWorld world;
    world.oidc->issue_refresh_token = false;
    world.save(refreshable_expiring_in(-60));
    ASSERT_TRUE(world.token());
    EXPECT_EQ(cache::read_sso_token(world.path)->value().refresh_token, "old-refresh-token");
}

TEST(SsoAccessToken, AnExpiredRegistrationIsNotUsedToRefresh) {
    SsoWorld world;
    cache::SsoToken old = refreshable_expiring_in(-60);
    old.registration_expires_at = k_now;
    world.save(old);
    auto token = world.token();
    ASSERT_FALSE(token);
    EXPECT_EQ(token.error().code, Errc::sign_in);
    EXPECT_TRUE(world.oidc->tokens.empty());
}

TEST(SsoAccessToken, ARefusedRefreshWithoutTerminalIsTheSignInError) {
    SsoWorld world;
    world.save(refreshable_expiring_in(-60));
    world.oidc->token_script = {"InvalidGrantException"};
    auto token = world.token();
    ASSERT_FALSE(token);
    EXPECT_EQ(token.error().code, Errc::sign_in);
    EXPECT_NE(token.error().message.find("its refresh was refused: InvalidGrantException"), std::string::npos)
        << token.error().message;
    EXPECT_EQ(token.error().message.find("old-refresh-token"), std::string::npos);
    EXPECT_EQ(cache::read_sso_token(world.path)->value().access_token, "cached-access-token");
}

TEST(SsoAccessToken, ARefusedRefreshOfATokenThatStillLivesUsesIt) {
    SsoWorld world;
    world.save(refreshable_expiring_in(300));
    world.oidc->token_script = {"InvalidGrantException"};
    auto token = world.token();
    ASSERT_TRUE(token) << token.error().message;
    EXPECT_EQ(*token, "cached-access-token");
    EXPECT_EQ(world.oidc->tokens.size(), 1u);
}

TEST(SsoAccessToken, ANetworkFailureOnRefreshUsesTheTokenWhileItLives) {
    SsoWorld world;
    world.save(refreshable_expiring_in(300));
    world.oidc->token_script = {"network"};
    auto token = world.token();
    ASSERT_TRUE(token) << token.error().message;
    EXPECT_EQ(*token, "cached-access-token");

    SsoWorld expired;
    expired.save(refreshable_expiring_in(-1));
    expired.oidc->token_script = {"network"};
    auto none = expired.token();
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().code, Errc::network);
}

TEST(SsoAccessToken, OnATerminalARefusedRefreshRunsTheSignIn) {
    SsoWorld world;
    world.save(refreshable_expiring_in(-60));
    world.oidc->token_script = {"InvalidGrantException", "AuthorizationPendingException"};
    auto token = world.token(session_settings(), /*terminal=*/true);
    ASSERT_TRUE(token) << token.error().message;
    EXPECT_EQ(*token, "access-token-3");
    EXPECT_EQ(world.oidc->authorizations.size(), 1u);
    EXPECT_NE(world.ui.shown.find("profile 'dev': the IAM Identity Center session 'corp' needs a new sign-in"),
              std::string::npos)
        << world.ui.shown;
    EXPECT_NE(world.ui.shown.find("ABCD-EFGH"), std::string::npos);
    EXPECT_EQ(world.ui.opened.size(), 1u);
    EXPECT_EQ(cache::read_sso_token(world.path)->value().access_token, "access-token-3");
}

/// The token `world` gets on a terminal while another awsume-shell holds the session's lock
/// for `hold_ms`, then writes the token "signed-in-elsewhere" and lets go.
Result<std::string> token_while_another_holds_the_lock(SsoWorld& world, long hold_ms) {
    world.save(token_expiring_in(-60));
    int ready[2];
    EXPECT_EQ(::pipe(ready), 0);
    const pid_t other = ::fork();
    if (other == 0) {  // the other awsume-shell: holds the lock, writes a fresh token, lets go
        auto lock = cache::lock_sso_token(world.path, 0);
        (void)::write(ready[1], "x", 1);
        ::usleep(static_cast<useconds_t>(hold_ms * 1000));
        cache::SsoToken fresh = token_expiring_in(3600);
        fresh.access_token = "signed-in-elsewhere";
        ::_exit(lock && cache::write_sso_token(world.path, fresh) ? 0 : 1);
    }
    char byte = 0;
    EXPECT_EQ(::read(ready[0], &byte, 1), 1);
    auto token = world.token(session_settings(), /*terminal=*/true);
    int status = 0;
    ::waitpid(other, &status, 0);
    ::close(ready[0]);
    ::close(ready[1]);
    EXPECT_EQ(status, 0) << "the other process";
    EXPECT_TRUE(world.oidc->authorizations.empty());
    return token;
}

TEST(SsoAccessToken, WhileAnotherProcessSignsInItWaitsThenUsesItsToken) {
    SsoWorld world;
    auto token = token_while_another_holds_the_lock(world, 3500);  // longer than the quiet 3 s: a sign-in
    ASSERT_TRUE(token) << token.error().message;
    EXPECT_EQ(*token, "signed-in-elsewhere");
    EXPECT_NE(world.ui.shown.find("waiting for the sign-in to the IAM Identity Center session 'corp'"),
              std::string::npos)
        << world.ui.shown;
}

TEST(SsoAccessToken, ARefreshByAnotherProcessIsWaitedForQuietly) {
    SsoWorld world;
    auto token = token_while_another_holds_the_lock(world, 300);  // a refresh's time
    ASSERT_TRUE(token) << token.error().message;
    EXPECT_EQ(*token, "signed-in-elsewhere");
    EXPECT_EQ(world.ui.shown, "") << "nothing said for a wait of a fraction of a second";
}

}  // namespace
}  // namespace awsume_shell::testing
