#include "awsume_shell/credentials/chain_builder.hpp"

#include <gtest/gtest.h>

#include "unit/credentials/chain_test_support.hpp"

namespace awsume_shell::credentials {
namespace {

using namespace awsume_shell::testing;  // NOLINT: test-only vocabulary (hops, ARNs, World)

config::ResolvedChain mfa_user_three_roles() {
    return chain_of({user_hop("alice", k_user_mfa), role_hop("a", k_role_a),
                     role_hop("b", k_role_b), role_hop("c", k_role_c)});
}

TEST(BuildProvider, StaticUserWithoutMfaHandsOnItsKeysWithoutACall) {
    World world;
    auto creds = fetch(world, chain_of({user_hop("alice")}));
    ASSERT_TRUE(creds) << creds.error().message;
    EXPECT_EQ(creds->access_key_id, user_keys().access_key_id);
    EXPECT_EQ(creds->secret_access_key, "user-secret");
    EXPECT_EQ(world.api->total_calls(), 0);
}

TEST(BuildProvider, EmptyChainOrChainStartingWithARoleIsAConfigError) {
    World world;
    config::ResolvedChain empty;
    empty.profile = "nothing";
    auto provider = build_provider(empty, {}, world.services);
    ASSERT_FALSE(provider);
    EXPECT_EQ(provider.error().code, Errc::config);
    EXPECT_NE(provider.error().message.find("'nothing'"), std::string::npos);

    auto role_first = build_provider(chain_of({role_hop("a", k_role_a)}), {}, world.services);
    ASSERT_FALSE(role_first);
    EXPECT_EQ(role_first.error().code, Errc::config);
}

TEST(BuildProvider, MfaUserAloneGetsOneSessionTokenAndCachesIt) {
    World world("123456");
    ChainOptions options;
    options.session_duration = 43200;
    auto chain = chain_of({user_hop("alice", k_user_mfa)});

    auto first = fetch(world, chain, options);
    ASSERT_TRUE(first) << first.error().message;
    ASSERT_EQ(world.api->session_calls.size(), 1u);
    const auto& call = world.api->session_calls[0];
    EXPECT_EQ(call.request.serial_number, k_user_mfa);
    EXPECT_EQ(call.request.token_code, "123456");
    EXPECT_EQ(call.request.duration_seconds, 43200);
    EXPECT_EQ(call.caller.access_key_id, user_keys().access_key_id);
    EXPECT_TRUE(first->is_temporary());

    auto second = fetch(world, chain, options);
    ASSERT_TRUE(second) << second.error().message;
    EXPECT_EQ(world.api->total_calls(), 1);
    EXPECT_EQ(second->access_key_id, first->access_key_id);
    EXPECT_EQ(second->session_token, first->session_token);
}

TEST(BuildProvider, MfaUserThroughThreeRolesMakesOneSessionAndThreeAssumeRoles) {
    World world("123456");
    auto chain = mfa_user_three_roles();

    auto creds = fetch(world, chain);
    ASSERT_TRUE(creds) << creds.error().message;
    ASSERT_EQ(world.api->session_calls.size(), 1u);
    ASSERT_EQ(world.api->role_calls.size(), 3u);
    const auto& roles = world.api->role_calls;
    EXPECT_EQ(roles[0].request.role_arn, k_role_a);
    EXPECT_EQ(roles[1].request.role_arn, k_role_b);
    EXPECT_EQ(roles[2].request.role_arn, k_role_c);
    // Each role is assumed with the credentials of the hop before it.
    EXPECT_EQ(roles[0].caller.access_key_id, "ASIA0001");  // the MFA session
    EXPECT_EQ(roles[1].caller.access_key_id, "ASIA0002");
    EXPECT_EQ(roles[2].caller.access_key_id, "ASIA0003");
    EXPECT_EQ(creds->access_key_id, "ASIA0004");
    // The MFA code went to GetSessionToken, not to the roles.
    for (const auto& call : roles) {
        EXPECT_FALSE(call.request.serial_number);
        EXPECT_FALSE(call.request.token_code);
    }

    auto again = fetch(world, chain);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(world.api->total_calls(), 4);
    EXPECT_EQ(again->access_key_id, "ASIA0004");
    EXPECT_EQ(world.mfa.prompts(), 0);
}

TEST(BuildProvider, LastRoleNearExpiryIsRefetchedFromTheCachedRoleBeforeIt) {
    World world("123456");
    auto chain = mfa_user_three_roles();
    ASSERT_TRUE(fetch(world, chain));
    // 10 minutes left: inside the 15-minute margin of the last role, outside the
    // one-minute margin of the intermediate ones.
    world.clock.advance(3600 - 600);

    auto creds = fetch(world, chain);
    ASSERT_TRUE(creds) << creds.error().message;
    EXPECT_EQ(world.api->session_calls.size(), 1u);
    ASSERT_EQ(world.api->role_calls.size(), 4u);
    EXPECT_EQ(world.api->role_calls[3].request.role_arn, k_role_c);
    EXPECT_EQ(world.api->role_calls[3].caller.access_key_id, "ASIA0003");
    EXPECT_EQ(creds->access_key_id, "ASIA0005");
}

TEST(BuildProvider, RoleMfaSerialIsPreferredOverTheUsers) {
    World world("123456");
    auto role = role_hop("a", k_role_a);
    role.mfa_serial = k_role_mfa;
    ASSERT_TRUE(fetch(world, chain_of({user_hop("alice", k_user_mfa), role})));
    ASSERT_EQ(world.api->session_calls.size(), 1u);
    EXPECT_EQ(world.api->session_calls[0].request.serial_number, k_role_mfa);
}

TEST(BuildProvider, UserMfaSerialIsUsedForTheFirstRole) {
    World world("123456");
    ASSERT_TRUE(fetch(world, chain_of({user_hop("alice", k_user_mfa), role_hop("a", k_role_a)})));
    ASSERT_EQ(world.api->session_calls.size(), 1u);
    EXPECT_EQ(world.api->session_calls[0].request.serial_number, k_user_mfa);
}

TEST(BuildProvider, LongFirstRoleOfAnMfaUserTakesTheCodeWithAssumeRole) {
    World world("123456");
    auto role = role_hop("a", k_role_a);
    role.duration_seconds = 7200;
    auto creds = fetch(world, chain_of({user_hop("alice", k_user_mfa), role}));
    ASSERT_TRUE(creds) << creds.error().message;
    EXPECT_TRUE(world.api->session_calls.empty());
    ASSERT_EQ(world.api->role_calls.size(), 1u);
    const auto& call = world.api->role_calls[0];
    EXPECT_EQ(call.caller.access_key_id, user_keys().access_key_id);
    EXPECT_EQ(call.request.serial_number, k_user_mfa);
    EXPECT_EQ(call.request.token_code, "123456");
    EXPECT_EQ(call.request.duration_seconds, 7200);  // long-term keys: no one-hour cap
}

TEST(BuildProvider, RoleDurationOptionAboveAnHourOnTheFirstHopAlsoSkipsTheSession) {
    World world("123456");
    ChainOptions options;
    options.role_duration = 14400;
    ASSERT_TRUE(fetch(world, chain_of({user_hop("alice", k_user_mfa), role_hop("a", k_role_a)}),
                      options));
    EXPECT_TRUE(world.api->session_calls.empty());
    ASSERT_EQ(world.api->role_calls.size(), 1u);
    EXPECT_EQ(world.api->role_calls[0].request.duration_seconds, 14400);
    EXPECT_EQ(world.api->role_calls[0].request.token_code, "123456");
}

TEST(BuildProvider, ChainedRoleDurationIsLoweredToOneHour) {
    World world("123456");
    auto second = role_hop("b", k_role_b);
    second.duration_seconds = 7200;
    ASSERT_TRUE(fetch(world, chain_of({user_hop("alice", k_user_mfa), role_hop("a", k_role_a), second})));
    ASSERT_EQ(world.api->role_calls.size(), 2u);
    EXPECT_FALSE(world.api->role_calls[0].request.duration_seconds);
    EXPECT_EQ(world.api->role_calls[1].request.duration_seconds, k_chained_role_max_seconds);
}

TEST(BuildProvider, RoleUnderAnHourAfterAnMfaSessionKeepsItsDuration) {
    World world("123456");
    ChainOptions options;
    options.role_duration = 3000;  // under an hour: kept
    ASSERT_TRUE(fetch(world, chain_of({user_hop("alice", k_user_mfa), role_hop("a", k_role_a)}),
                      options));
    ASSERT_EQ(world.api->role_calls.size(), 1u);
    EXPECT_EQ(world.api->role_calls[0].request.duration_seconds, 3000);
}

TEST(BuildProvider, FirstRoleFromPlainUserKeysKeepsItsLongDuration) {
    World world;
    auto role = role_hop("a", k_role_a);
    role.duration_seconds = 7200;
    ASSERT_TRUE(fetch(world, chain_of({user_hop("alice"), role})));
    ASSERT_EQ(world.api->role_calls.size(), 1u);
    EXPECT_EQ(world.api->role_calls[0].request.duration_seconds, 7200);
}

TEST(BuildProvider, SkipCachedRolesAssumesAgainButReusesTheMfaSession) {
    World world("123456");
    auto chain = chain_of({user_hop("alice", k_user_mfa), role_hop("a", k_role_a)});
    auto first = fetch(world, chain);
    ASSERT_TRUE(first) << first.error().message;

    ChainOptions refresh;
    refresh.skip_cached_roles = true;
    auto second = fetch(world, chain, refresh);
    ASSERT_TRUE(second) << second.error().message;
    EXPECT_EQ(world.api->session_calls.size(), 1u);
    ASSERT_EQ(world.api->role_calls.size(), 2u);
    EXPECT_EQ(world.api->role_calls[1].caller.access_key_id, "ASIA0001");
    EXPECT_NE(second->access_key_id, first->access_key_id);
    EXPECT_EQ(world.mfa.prompts(), 0);

    // The refreshed credentials are what the cache serves from now on.
    auto third = fetch(world, chain);
    ASSERT_TRUE(third);
    EXPECT_EQ(third->access_key_id, second->access_key_id);
    EXPECT_EQ(world.api->total_calls(), 3);
}

TEST(BuildProvider, LaterRoleWithItsOwnMfaSerialTakesTheCodeWithAssumeRole) {
    World world("123456");
    world.mfa.prompt_codes = {"654321"};
    auto second = role_hop("b", k_role_b);
    second.mfa_serial = k_role_mfa;
    ASSERT_TRUE(fetch(world, chain_of({user_hop("alice", k_user_mfa), role_hop("a", k_role_a), second})));
    ASSERT_EQ(world.api->session_calls.size(), 1u);
    EXPECT_EQ(world.api->session_calls[0].request.token_code, "123456");
    ASSERT_EQ(world.api->role_calls.size(), 2u);
    EXPECT_FALSE(world.api->role_calls[0].request.token_code);
    EXPECT_EQ(world.api->role_calls[1].request.serial_number, k_role_mfa);
    // The flag code was spent on GetSessionToken: AWS refuses a code used twice.
    EXPECT_EQ(world.api->role_calls[1].request.token_code, "654321");
    EXPECT_EQ(world.mfa.prompts(), 1);
}

TEST(BuildProvider, FlagCodeIsUsedOnlyOnce) {
    World world("123456");
    auto second = role_hop("b", k_role_b);
    second.mfa_serial = k_role_mfa;
    // No terminal: the second code cannot be had, and the flag code is not reused.
    auto creds = fetch(world, chain_of({user_hop("alice", k_user_mfa), role_hop("a", k_role_a), second}));
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().code, Errc::mfa);
    EXPECT_EQ(world.api->session_calls.size(), 1u);
    EXPECT_EQ(world.api->role_calls.size(), 1u);
}

TEST(BuildProvider, RejectedPromptCodeForTheSessionIsAskedOnceMore) {
    World world;
    world.mfa.prompt_codes = {"111111", "222222"};
    world.api->session_errors.push_back({Errc::mfa, "MFA code rejected", "AccessDenied"});
    auto creds = fetch(world, chain_of({user_hop("alice", k_user_mfa)}));
    ASSERT_TRUE(creds) << creds.error().message;
    ASSERT_EQ(world.api->session_calls.size(), 2u);
    EXPECT_EQ(world.api->session_calls[0].request.token_code, "111111");
    EXPECT_EQ(world.api->session_calls[1].request.token_code, "222222");
    ASSERT_EQ(world.mfa.prompts(), 2);
    EXPECT_EQ(world.mfa.prompt_reasons[1], "MFA code rejected by AWS.");
}

TEST(BuildProvider, RejectedPromptCodeIsAskedOnlyOnceMore) {
    World world;
    world.mfa.prompt_codes = {"111111", "222222", "333333"};
    world.api->session_errors.push_back({Errc::mfa, "MFA code rejected", ""});
    world.api->session_errors.push_back({Errc::mfa, "MFA code rejected", ""});
    auto creds = fetch(world, chain_of({user_hop("alice", k_user_mfa)}));
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().code, Errc::mfa);
    EXPECT_EQ(world.api->session_calls.size(), 2u);
    EXPECT_EQ(world.mfa.prompts(), 2);
}

TEST(BuildProvider, RejectedPromptCodeForAssumeRoleIsAskedOnceMore) {
    World world;
    world.mfa.prompt_codes = {"111111", "222222"};
    world.api->role_errors.push_back({Errc::mfa, "MFA code rejected", ""});
    auto role = role_hop("a", k_role_a);
    role.duration_seconds = 7200;
    ASSERT_TRUE(fetch(world, chain_of({user_hop("alice", k_user_mfa), role})));
    ASSERT_EQ(world.api->role_calls.size(), 2u);
    EXPECT_EQ(world.api->role_calls[0].request.token_code, "111111");
    EXPECT_EQ(world.api->role_calls[1].request.token_code, "222222");
}

TEST(BuildProvider, RejectedFlagCodeIsNotRetried) {
    World world("123456");
    world.mfa.prompt_codes = {"222222"};
    world.api->session_errors.push_back({Errc::mfa, "MFA code rejected", ""});
    auto creds = fetch(world, chain_of({user_hop("alice", k_user_mfa)}));
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().code, Errc::mfa);
    EXPECT_EQ(world.api->session_calls.size(), 1u);
    EXPECT_EQ(world.mfa.prompts(), 0);
}

TEST(BuildProvider, AwsErrorIsPassedOnAndNothingIsCached) {
    World world("123456");
    world.api->role_errors.push_back({Errc::aws, "AccessDenied: no", "AccessDenied"});
    auto chain = chain_of({user_hop("alice"), role_hop("a", k_role_a)});
    auto creds = fetch(world, chain);
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().aws_code, "AccessDenied");
    ASSERT_TRUE(fetch(world, chain));
    EXPECT_EQ(world.api->role_calls.size(), 2u);
}

}  // namespace
}  // namespace awsume_shell::credentials
