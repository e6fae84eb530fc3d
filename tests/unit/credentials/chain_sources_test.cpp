#include "awsume_shell/credentials/chain_builder.hpp"

#include <gtest/gtest.h>

#include "unit/credentials/chain_test_support.hpp"

namespace awsume_shell::credentials {
namespace {

using namespace awsume_shell::testing;  // NOLINT: test-only vocabulary (hops, ARNs, World)

TEST(BuildProvider, UserWithoutMfaSerialButADeviceAssumesThroughItsSession) {
    World world("123456");
    world.api->mfa_devices = {{"alice", k_user_mfa}};
    ASSERT_TRUE(fetch(world, chain_of({user_hop("alice"), role_hop("a", k_role_a)})));
    EXPECT_EQ(world.api->list_mfa_devices_calls, 1);
    ASSERT_EQ(world.api->session_calls.size(), 1u);
    EXPECT_EQ(world.api->session_calls[0].request.serial_number, k_user_mfa);
    ASSERT_EQ(world.api->role_calls.size(), 1u);
    EXPECT_EQ(world.api->role_calls[0].caller.access_key_id, "ASIA0001");
}

// Through the detected device's MFA session (temporary credentials) AWS refuses more than
// 1 h ("exceeds the 1 hour session limit for roles assumed by role chaining"); the contract
// says such a request is lowered, never sent to fail.
TEST(BuildProvider, LongRoleOfAUserWithADetectedDeviceIsNotSentToFail) {
    World world("123456");
    world.api->mfa_devices = {{"alice", k_user_mfa}};
    auto role = role_hop("a", k_role_a);
    role.duration_seconds = 7200;
    ASSERT_TRUE(fetch(world, chain_of({user_hop("alice"), role})));
    ASSERT_EQ(world.api->role_calls.size(), 1u);
    const auto& call = world.api->role_calls[0];
    if (call.caller.is_temporary()) {
        EXPECT_LE(call.request.duration_seconds.value_or(3600), k_chained_role_max_seconds);
    } else {
        EXPECT_EQ(call.request.serial_number, k_user_mfa);  // the contract's preferred way
    }
}

TEST(BuildProvider, UserWithoutAnyMfaDeviceAssumesWithItsKeys) {
    World world;
    auto chain = chain_of({user_hop("alice"), role_hop("a", k_role_a)});
    ASSERT_TRUE(fetch(world, chain));
    EXPECT_EQ(world.api->list_mfa_devices_calls, 1);
    EXPECT_TRUE(world.api->session_calls.empty());
    ASSERT_EQ(world.api->role_calls.size(), 1u);
    EXPECT_EQ(world.api->role_calls[0].caller.access_key_id, user_keys().access_key_id);

    ASSERT_TRUE(fetch(world, chain));
    EXPECT_EQ(world.api->total_calls(), 2);  // a cache hit pays for no ListMFADevices
}

TEST(BuildProvider, TemporaryStaticKeysCapTheFirstRoleAtOneHour) {
    World world;
    auto keys = user_keys("ASIATEMPORARY00001");
    keys.session_token = "token";
    auto role = role_hop("a", k_role_a);
    role.duration_seconds = 7200;
    ASSERT_TRUE(fetch(world, chain_of({user_hop("temp", std::nullopt, keys), role})));
    EXPECT_EQ(world.api->list_mfa_devices_calls, 0);
    ASSERT_EQ(world.api->role_calls.size(), 1u);
    EXPECT_EQ(world.api->role_calls[0].request.duration_seconds, 3600);
    EXPECT_EQ(world.api->role_calls[0].caller.session_token, "token");
}

TEST(BuildProvider, EnvironmentSourceHandsItsKeysToTheRole) {
    World world;
    world.env.set("AWS_ACCESS_KEY_ID", "AKIAENV");
    world.env.set("AWS_SECRET_ACCESS_KEY", "env-secret");
    config::Hop source;
    source.kind = config::HopKind::environment;
    source.profile = "ci";
    ASSERT_TRUE(fetch(world, chain_of({source, role_hop("a", k_role_a)})));
    ASSERT_EQ(world.api->role_calls.size(), 1u);
    EXPECT_EQ(world.api->role_calls[0].caller.access_key_id, "AKIAENV");
    EXPECT_EQ(world.api->role_calls[0].caller.secret_access_key, "env-secret");
}

}  // namespace
}  // namespace awsume_shell::credentials
