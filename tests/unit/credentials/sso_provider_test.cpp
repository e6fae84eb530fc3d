// The IAM Identity Center provider with a fake token source and a fake portal: what it asks
// the portal, its cache, its errors and its identity.
#include <gtest/gtest.h>

#include "awsume_shell/credentials/source_providers.hpp"
#include "awsume_shell/credentials/sso_token_source.hpp"
#include "unit/credentials/fake_api.hpp"

namespace awsume_shell::credentials {
namespace {

using namespace awsume_shell::testing;  // NOLINT: test-only vocabulary (World, fakes)

/// What the fake token source was asked and answers (a function pointer has no state of its own).
struct TokenScript {
    std::vector<config::SsoSettings> asked;
    std::vector<std::string> refused;  // what each call was told the portal refused
    std::optional<Error> error;
    std::optional<Error> renew_error;  // the answer when asked to replace a refused token
};
TokenScript g_tokens;

Result<std::string> fake_token(const config::SsoSettings& sso, Services&, const std::string& refused) {
    g_tokens.asked.push_back(sso);
    g_tokens.refused.push_back(refused);
    if (g_tokens.error) {
        return unexpected(*g_tokens.error);
    }
    if (!refused.empty()) {
        if (g_tokens.renew_error) {
            return unexpected(*g_tokens.renew_error);
        }
        return std::string("RENEWED-SECRET-TOKEN");
    }
    return std::string("BEARER-SECRET-TOKEN");
}

config::SsoSettings dev_settings(const std::string& role = "Developer") {
    config::SsoSettings sso;
    sso.session_name = "corp";
    sso.start_url = "https://corp.awsapps.com/start";
    sso.region = "eu-central-1";
    sso.account_id = "111122223333";
    sso.role_name = role;
    sso.profile = "dev";
    sso.origin = "CONFIG:2";
    return sso;
}

class SsoProviderTest : public ::testing::Test {
protected:
    void SetUp() override { g_tokens = TokenScript{}; }
    World world;
};

TEST_F(SsoProviderTest, TheTokenThenGetRoleCredentialsForTheProfilesAccountAndRole) {
    auto provider = make_sso_provider(dev_settings(), world.services, fake_token);
    auto creds = provider->retrieve();
    ASSERT_TRUE(creds) << creds.error().message;
    EXPECT_EQ(creds->access_key_id, "ASIASSO0001");
    EXPECT_EQ(creds->expiration, k_now + 3600);
    ASSERT_EQ(g_tokens.asked.size(), 1U);
    EXPECT_EQ(g_tokens.asked[0].token_key(), "corp");
    ASSERT_EQ(world.portal->calls.size(), 1U);
    const auto& call = world.portal->calls[0];
    EXPECT_EQ(call.region, "eu-central-1") << "sso_region";
    EXPECT_EQ(call.access_token, "BEARER-SECRET-TOKEN");
    EXPECT_EQ(call.account_id, "111122223333");
    EXPECT_EQ(call.role_name, "Developer");
}

TEST_F(SsoProviderTest, RoleCredentialsAreCachedSoASecondRunAsksNeitherTokenNorPortal) {
    ASSERT_TRUE(make_cached_sso_provider(dev_settings(), world.services, fake_token)->retrieve());
    auto again = make_cached_sso_provider(dev_settings(), world.services, fake_token)->retrieve();
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->access_key_id, "ASIASSO0001");
    EXPECT_EQ(g_tokens.asked.size(), 1U);
    EXPECT_EQ(world.portal->calls.size(), 1U);
    // Another role of the same account is another entry.
    ASSERT_TRUE(make_cached_sso_provider(dev_settings("Admin"), world.services, fake_token)->retrieve());
    EXPECT_EQ(world.portal->calls.size(), 2U);
    // Near expiry (within refresh_before_expiry) they are fetched again.
    world.clock.advance(3600 - world.services.refresh_margin + 1);
    ASSERT_TRUE(make_cached_sso_provider(dev_settings(), world.services, fake_token)->retrieve());
    EXPECT_EQ(world.portal->calls.size(), 3U);
}

Error unauthorized() {
    return Error{Errc::aws, "UnauthorizedException: Session token not found or invalid", "UnauthorizedException"};
}

TEST_F(SsoProviderTest, ARefusedTokenIsRenewedOnceAndTheCallMadeAgain) {
    world.portal->errors.push_back(unauthorized());
    auto creds = make_sso_provider(dev_settings(), world.services, fake_token)->retrieve();
    ASSERT_TRUE(creds) << creds.error().message;
    ASSERT_EQ(g_tokens.refused.size(), 2U);
    EXPECT_EQ(g_tokens.refused[0], "");
    EXPECT_EQ(g_tokens.refused[1], "BEARER-SECRET-TOKEN") << "the token source is told which token was refused";
    ASSERT_EQ(world.portal->calls.size(), 2U);
    EXPECT_EQ(world.portal->calls[1].access_token, "RENEWED-SECRET-TOKEN");
}

TEST_F(SsoProviderTest, ARefusedTokenThatCannotBeRenewedIsTheTokenSourcesError) {
    world.portal->errors.push_back(unauthorized());
    g_tokens.renew_error = Error{Errc::sign_in, "profile 'dev': ... run `awsume-shell login dev`", ""};
    auto creds = make_sso_provider(dev_settings(), world.services, fake_token)->retrieve();
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().code, Errc::sign_in);
    EXPECT_EQ(creds.error().message, "profile 'dev': ... run `awsume-shell login dev`");
    EXPECT_EQ(world.portal->calls.size(), 1U);
}

TEST_F(SsoProviderTest, ARenewedTokenRefusedAgainTellsToSignInNamingTheProfile) {
    world.portal->errors.push_back(unauthorized());
    world.portal->errors.push_back(unauthorized());
    auto creds = make_sso_provider(dev_settings(), world.services, fake_token)->retrieve();
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().code, Errc::sign_in) << "exit 3, as for a token that has run out";
    EXPECT_EQ(creds.error().message,
              "profile 'dev': the portal refused the token of the IAM Identity Center session 'corp' "
              "(UnauthorizedException: Session token not found or invalid): run `awsume-shell login dev`");
    EXPECT_EQ(world.portal->calls.size(), 2U) << "renewed once, not in a loop";
}

TEST_F(SsoProviderTest, OtherPortalErrorsNameTheProfileRoleAndAccountAndKeepTheCode) {
    world.portal->errors.push_back(Error{Errc::aws, "ForbiddenException: No access", "ForbiddenException"});
    auto creds = make_sso_provider(dev_settings(), world.services, fake_token)->retrieve();
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().code, Errc::aws);
    EXPECT_EQ(creds.error().aws_code, "ForbiddenException");
    EXPECT_EQ(creds.error().message,
              "profile 'dev': GetRoleCredentials for role Developer of account 111122223333 (CONFIG:2): "
              "ForbiddenException: No access");
    EXPECT_EQ(creds.error().message.find("BEARER-SECRET-TOKEN"), std::string::npos);
}

TEST_F(SsoProviderTest, NoTokenNoPortalCall) {
    g_tokens.error = Error{Errc::sign_in, "profile 'dev': no valid token; run `awsume-shell login dev`", ""};
    auto creds = make_sso_provider(dev_settings(), world.services, fake_token)->retrieve();
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().message, "profile 'dev': no valid token; run `awsume-shell login dev`");
    EXPECT_TRUE(world.portal->calls.empty());
}

TEST_F(SsoProviderTest, ItsIdentityIsStableAndSecretFree) {
    auto one = make_cached_sso_provider(dev_settings(), world.services, fake_token);
    auto two = make_sso_provider(dev_settings(), world.services, fake_token);
    EXPECT_EQ(one->identity(), "sso role Developer of account 111122223333 via https://corp.awsapps.com/start");
    EXPECT_EQ(one->identity(), two->identity());
    ASSERT_TRUE(one->retrieve());
    EXPECT_EQ(one->identity(), two->identity()) << "the same before and after its credentials exist";
    EXPECT_NE(one->identity(), make_sso_provider(dev_settings("Admin"), world.services, fake_token)->identity());
    EXPECT_EQ(one->identity().find("BEARER"), std::string::npos);
    EXPECT_EQ(one->describe(), "IAM Identity Center role Developer of account 111122223333 (profile 'dev')");
    EXPECT_FALSE(one->long_term()) << "a role assumed from it is a chained role";
}

}  // namespace

}  // namespace awsume_shell::credentials
