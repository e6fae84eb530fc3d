#include <gtest/gtest.h>

#include "awsume_shell/shell/session_state.hpp"

namespace awsume_shell::shell {
namespace {

SessionState full_state() {
    SessionState state;
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

TEST(SessionState, RoundTrips) {
    SessionState state = full_state();
    auto decoded = decode_session_state(encode_session_state(state));
    ASSERT_TRUE(decoded) << decoded.error().message;
    EXPECT_EQ(*decoded, state);

    SessionState minimal;
    minimal.profile = "dev";
    EXPECT_EQ(encode_session_state(minimal), R"({"profile":"dev","v":1})");
    EXPECT_EQ(*decode_session_state(encode_session_state(minimal)), minimal);
}

TEST(SessionState, RejectsWhatIsNotOurs) {
    for (const char* text : {"", "prod", "[]", R"({"profile":"p"})", R"({"v":2,"profile":"p"})",
                             R"({"v":1})", R"({"v":1,"profile":""})",
                             R"({"v":1,"profile":"p","role_duration":"1h"})",
                             R"({"v":1,"profile":"p","region":5})"}) {
        auto decoded = decode_session_state(text);
        ASSERT_FALSE(decoded) << text;
        EXPECT_EQ(decoded.error().code, Errc::usage);
        EXPECT_NE(decoded.error().message.find("AWSUME_SHELL_SESSION"), std::string::npos);
    }
}

TEST(SessionState, RoleArnWithoutProfileIsAllowed) {
    SessionState state;
    state.role_arn = "arn:aws:iam::111122223333:role/x";
    EXPECT_TRUE(decode_session_state(encode_session_state(state)));
}

TEST(SessionState, ArgumentsAskForTheSameCredentials) {
    std::vector<std::string> expected{"--role-arn", "arn:aws:iam::111122223333:role/admin",
                                      "--session-name", "alice's \"session\"",
                                      "--role-duration", "7200", "--session-duration", "43200",
                                      "--config-file", "/home/alice/my aws/config",
                                      "--credentials-file", "/home/alice/.aws/credentials",
                                      "--region", "eu-west-1", "prod"};
    EXPECT_EQ(session_arguments(full_state()), expected);
}

TEST(SessionState, CurrentSession) {
    util::Env env;
    auto none = current_session(env);
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->has_value());
    env.set("AWSUME_SHELL_SESSION", encode_session_state(full_state()));
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
    env.set("AWSUME_SHELL_SESSION", encode_session_state(full_state()));
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
