#include <gtest/gtest.h>

#include "awsume_shell/shell/session_state.hpp"

#include "awsume_shell/model/request.hpp"

namespace awsume_shell::shell {
namespace {

model::Request full_state() {
    model::Request state;
    state.profile = "prod";
    state.role_arn = "arn:aws:iam::111122223333:role/admin";
    state.session_name = "alice's \"session\"";
    state.role_duration = 7200;
    state.session_duration = 43200;
    state.config_file = "/home/alice/my aws/config";
    state.credentials_file = "/home/alice/.aws/credentials";
    state.region = "eu-west-1";
    return state;
}

TEST(SessionState, CurrentSession) {
    util::Env env;
    auto none = current_session(env);
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->has_value());
    env.set("AWSUME_SHELL_SESSION", model::encode_request(full_state()));
    auto some = current_session(env);
    ASSERT_TRUE(some);
    ASSERT_TRUE(some->has_value());
    EXPECT_EQ((*some)->profile, "prod");
    env.set("AWSUME_SHELL_SESSION", "garbage");
    EXPECT_FALSE(current_session(env));
}

TEST(SessionState, NestingIsRefusedUnlessAsked) {
    util::Env env;
    EXPECT_TRUE(check_not_nested(env, false));
    env.set("AWSUME_SHELL_SESSION", model::encode_request(full_state()));
    auto refused = check_not_nested(env, false);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Errc::usage);
    EXPECT_EQ(refused.error().message,
              "already in an awsume-shell session for prod; use --nested to start another");
    EXPECT_TRUE(check_not_nested(env, true));
    env.set("AWSUME_SHELL_SESSION", "garbage");
    env.set("AWSUME_PROFILE", "old");
    EXPECT_EQ(check_not_nested(env, false).error().message,
              "already in an awsume-shell session for old; use --nested to start another");
}

}  // namespace
}  // namespace awsume_shell::shell
