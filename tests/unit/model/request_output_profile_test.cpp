// A sub-shell started with -o (and -a) refreshes into its output profile.
#include <gtest/gtest.h>

#include "awsume_shell/model/request.hpp"

namespace awsume_shell::model {
namespace {

TEST(RequestOutputProfile, RoundTripsOutputProfileAndAutoRefresh) {
    Request state;
    state.profile = "admin";
    state.output_profile = "work";
    state.auto_refresh = true;
    auto back = decode_request(encode_request(state));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(*back, state);
}

TEST(RequestOutputProfile, AbsentMeansNone) {
    auto back = decode_request(R"({"v":1,"profile":"admin"})");
    ASSERT_TRUE(back);
    EXPECT_FALSE(back->output_profile);
    EXPECT_FALSE(back->auto_refresh);
}

TEST(RequestOutputProfile, WrongTypesAreRefused) {
    EXPECT_FALSE(decode_request(R"({"v":1,"profile":"a","output_profile":3})"));
    EXPECT_FALSE(decode_request(R"({"v":1,"profile":"a","auto_refresh":"yes"})"));
}

}  // namespace
}  // namespace awsume_shell::model
