// Issue 8 item 19: a sub-shell started with -o (and -a) refreshes into its output profile.
#include <gtest/gtest.h>

#include "awsume_shell/shell/session_state.hpp"

namespace awsume_shell::shell {
namespace {

TEST(SessionStateOutputProfile, RoundTripsOutputProfileAndAutoRefresh) {
    SessionState state;
    state.profile = "admin";
    state.output_profile = "work";
    state.auto_refresh = true;
    auto back = decode_session_state(encode_session_state(state));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(*back, state);
}

TEST(SessionStateOutputProfile, AbsentMeansNone) {
    auto back = decode_session_state(R"({"v":1,"profile":"admin"})");
    ASSERT_TRUE(back);
    EXPECT_FALSE(back->output_profile);
    EXPECT_FALSE(back->auto_refresh);
}

TEST(SessionStateOutputProfile, WrongTypesAreRefused) {
    EXPECT_FALSE(decode_session_state(R"({"v":1,"profile":"a","output_profile":3})"));
    EXPECT_FALSE(decode_session_state(R"({"v":1,"profile":"a","auto_refresh":"yes"})"));
}

}  // namespace
}  // namespace awsume_shell::shell
