// credentials::sso_access_token: the AWS CLI's cached token, refreshed or signed in again
// when it has less than 15 minutes left, else the exit-3 line naming `awsume-shell login`.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include "awsume_shell/cache/sso_token.hpp"
#include "awsume_shell/credentials/sso_token_source.hpp"
#include "unit/credentials/fake_api.hpp"

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

struct SsoWorld : World {
    SsoWorld() {
        env.set("HOME", dir.path());
        path = cache::sso_token_path(cache::sso_cache_dir(env), "corp");
    }
    void save(const cache::SsoToken& token) { ASSERT_TRUE(cache::write_sso_token(path, token)); }
    std::string path;
};

cache::SsoToken token_expiring_in(long seconds) {
    cache::SsoToken token;
    token.access_token = "cached-access-token";
    token.expires_at = k_now + seconds;
    return token;
}

TEST(SsoAccessToken, ACachedTokenWithMoreThan15MinutesLeftIsUsed) {
    SsoWorld world;
    world.save(token_expiring_in(15 * 60 + 1));
    auto token = credentials::sso_access_token(session_settings(), world.services);
    ASSERT_TRUE(token) << token.error().message;
    EXPECT_EQ(*token, "cached-access-token");
}

TEST(SsoAccessToken, NoTokenIsTheSignInErrorNamingTheFileAndTheCommand) {
    SsoWorld world;
    auto token = credentials::sso_access_token(session_settings(), world.services);
    ASSERT_FALSE(token);
    EXPECT_EQ(token.error().code, Errc::sign_in);
    EXPECT_EQ(exit_code_for(token.error().code), 3);
    EXPECT_EQ(token.error().message,
              "profile 'dev': the IAM Identity Center session 'corp' has no valid token (none in " + world.path +
                  "): run `awsume-shell login dev`");
}

TEST(SsoAccessToken, ATokenWithLessThan15MinutesAndNoWayToRefreshNeedsASignIn) {
    SsoWorld world;
    world.save(token_expiring_in(15 * 60));
    auto token = credentials::sso_access_token(session_settings(), world.services);
    ASSERT_FALSE(token);
    EXPECT_EQ(token.error().code, Errc::sign_in);
    EXPECT_NE(token.error().message.find(world.path + " expires at "), std::string::npos) << token.error().message;
    EXPECT_EQ(token.error().message.find("cached-access-token"), std::string::npos);
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
    auto token = credentials::sso_access_token(legacy, world.services);
    ASSERT_FALSE(token);
    EXPECT_EQ(token.error().message,
              "profile 'dev': the IAM Identity Center sign-in to https://d-1.awsapps.com/start has no valid token (" +
                  path + ": not a JSON object): run `awsume-shell login dev`");
}

TEST(SsoAccessToken, ABareSessionNamesLoginWithSsoSession) {
    SsoWorld world;
    config::SsoSettings bare = session_settings();
    bare.profile.clear();
    auto token = credentials::sso_access_token(bare, world.services);
    ASSERT_FALSE(token);
    EXPECT_NE(token.error().message.find("sso-session 'corp': "), std::string::npos) << token.error().message;
    EXPECT_NE(token.error().message.find("run `awsume-shell login --sso-session corp`"), std::string::npos);
}

}  // namespace
}  // namespace awsume_shell::testing
