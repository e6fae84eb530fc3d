// iam:ListMFADevices decides whether a user goes through an MFA session. Only a refusal
// ("not allowed to ask") means "go without"; a timeout or a server error is never a "no"
// (issue 8 item 16).
#include <gtest/gtest.h>

#include "unit/credentials/chain_test_support.hpp"

namespace awsume_shell::credentials {
namespace {

using namespace awsume_shell::testing;  // NOLINT: test-only vocabulary (hops, ARNs, World)

TEST(MfaDetection, AccessDeniedMeansAssumeWithTheKeys) {
    World world;
    world.api->mfa_devices_error = Error{Errc::aws, "AccessDenied: User: x is not authorized", "AccessDenied"};
    ASSERT_TRUE(fetch(world, chain_of({user_hop("alice"), role_hop("a", k_role_a)})));
    // No devices would give the same answer: the AccessDenied must have been the one seen.
    EXPECT_EQ(world.api->list_mfa_devices_calls, 1);
    ASSERT_EQ(world.api->role_calls.size(), 1u);
    EXPECT_EQ(world.api->role_calls[0].caller.access_key_id, user_keys().access_key_id);
}

TEST(MfaDetection, ATimeoutOrAServerErrorIsAnErrorNotANo) {
    for (const Error& error :
         {Error{Errc::network, "no answer from iam.amazonaws.com to ListMFADevices within 30 s", ""},
          Error{Errc::aws, "ServiceUnavailable: Service is unavailable. (after 3 attempts)", "ServiceUnavailable"}}) {
        World world;
        world.api->mfa_devices_error = error;
        auto creds = fetch(world, chain_of({user_hop("alice"), role_hop("a", k_role_a)}));
        ASSERT_FALSE(creds) << error.message;
        EXPECT_EQ(creds.error().code, error.code);
        EXPECT_EQ(creds.error().message, error.message);
        EXPECT_EQ(world.api->list_mfa_devices_calls, 1);
        EXPECT_TRUE(world.api->role_calls.empty());
    }
}

}  // namespace
}  // namespace awsume_shell::credentials
