#include "awsume_shell/credentials/chain_builder.hpp"

#include <gtest/gtest.h>

#include "unit/credentials/chain_test_support.hpp"

namespace awsume_shell::credentials {
namespace {

using namespace awsume_shell::testing;  // NOLINT: test-only vocabulary (hops, ARNs, World)

TEST(BuildProvider, DefaultSessionNameIsTheSanitisedProfileName) {
    World world;
    ASSERT_TRUE(fetch(world, chain_of({user_hop("alice"), role_hop("team/admin prod", k_role_a)})));
    ASSERT_EQ(world.api->role_calls.size(), 1u);
    EXPECT_EQ(world.api->role_calls[0].request.role_session_name, "team-admin-prod");
}

TEST(BuildProvider, SyntheticRoleHopIsNamedAfterTheRequestedProfile) {
    World world;
    auto chain = chain_of({user_hop("alice"), role_hop("", k_role_a)});
    chain.profile = "work";
    ASSERT_TRUE(fetch(world, chain));
    ASSERT_EQ(world.api->role_calls.size(), 1u);
    EXPECT_EQ(world.api->role_calls[0].request.role_session_name, "work");
}

TEST(BuildProvider, SessionNameOptionNamesOnlyTheLastRole) {
    World world;
    ChainOptions options;
    options.session_name = "me@laptop";
    ASSERT_TRUE(fetch(world,
                      chain_of({user_hop("alice"), role_hop("dev", k_role_a), role_hop("prod", k_role_b)}),
                      options));
    ASSERT_EQ(world.api->role_calls.size(), 2u);
    EXPECT_EQ(world.api->role_calls[0].request.role_session_name, "dev");
    EXPECT_EQ(world.api->role_calls[1].request.role_session_name, "me@laptop");
}

TEST(BuildProvider, ProfileRoleSessionNameIsUsed) {
    World world;
    auto role = role_hop("a", k_role_a);
    role.role_session_name = "from-profile";
    ASSERT_TRUE(fetch(world, chain_of({user_hop("alice"), role})));
    ASSERT_EQ(world.api->role_calls.size(), 1u);
    EXPECT_EQ(world.api->role_calls[0].request.role_session_name, "from-profile");
}

TEST(BuildProvider, SessionNameOptionWinsOverTheProfiles) {
    World world;
    ChainOptions options;
    options.session_name = "flag";
    auto role = role_hop("a", k_role_a);
    role.role_session_name = "from-profile";
    ASSERT_TRUE(fetch(world, chain_of({user_hop("alice"), role}), options));
    ASSERT_EQ(world.api->role_calls.size(), 1u);
    EXPECT_EQ(world.api->role_calls[0].request.role_session_name, "flag");
}

TEST(BuildProvider, SessionNameFromUserCallsGetUserOnlyOnACacheMiss) {
    World world;
    world.api->user = aws::IamUser{"alice.smith", "AIDA1", "arn:aws:iam::111111111111:user/alice.smith"};
    ChainOptions options;
    options.session_name_from_user = true;
    auto chain = chain_of({user_hop("alice"), role_hop("", k_role_a)});

    ASSERT_TRUE(fetch(world, chain, options));
    EXPECT_EQ(world.api->get_user_calls, 1);
    ASSERT_EQ(world.api->role_calls.size(), 1u);
    EXPECT_EQ(world.api->role_calls[0].request.role_session_name, "alice.smith");

    ASSERT_TRUE(fetch(world, chain, options));
    EXPECT_EQ(world.api->get_user_calls, 1);
    EXPECT_EQ(world.api->role_calls.size(), 1u);
}

TEST(BuildProvider, SessionNameFromUserFallsBackWhenGetUserFails) {
    World world;
    world.api->user = make_error(Errc::aws, "AccessDenied: no", "AccessDenied");
    ChainOptions options;
    options.session_name_from_user = true;
    ASSERT_TRUE(fetch(world, chain_of({user_hop("alice"), role_hop("", k_role_a)}), options));
    EXPECT_EQ(world.api->get_user_calls, 1);
    ASSERT_EQ(world.api->role_calls.size(), 1u);
    EXPECT_EQ(world.api->role_calls[0].request.role_session_name, "awsume-shell");
}

TEST(BuildProvider, ExternalIdIsPassedAndKeysTheCache) {
    World world;
    auto role = role_hop("a", k_role_a);
    role.external_id = "xyz-123";
    ASSERT_TRUE(fetch(world, chain_of({user_hop("alice"), role})));
    ASSERT_EQ(world.api->role_calls.size(), 1u);
    EXPECT_EQ(world.api->role_calls[0].request.external_id, "xyz-123");

    role.external_id = "other";
    ASSERT_TRUE(fetch(world, chain_of({user_hop("alice"), role})));
    ASSERT_EQ(world.api->role_calls.size(), 2u);
    EXPECT_EQ(world.api->role_calls[1].request.external_id, "other");
}

TEST(SessionNameFor, KeepsAllowedCharactersAndReplacesOthers) {
    EXPECT_EQ(session_name_for("dev_Team+1=a,b.c@d-e"), "dev_Team+1=a,b.c@d-e");
    EXPECT_EQ(session_name_for("a b/c:d"), "a-b-c-d");
}

TEST(SessionNameFor, PadsShortAndCutsLongNames) {
    EXPECT_EQ(session_name_for("x"), "awsume-shell-x");
    EXPECT_EQ(session_name_for(std::string(100, 'p')), std::string(64, 'p'));
}

}  // namespace
}  // namespace awsume_shell::credentials
