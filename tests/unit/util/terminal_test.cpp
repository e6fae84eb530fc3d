#include "awsume_shell/util/terminal.hpp"

#include <gtest/gtest.h>

namespace awsume_shell::util {
namespace {

TEST(Terminal, ColourChoice) {
    Env env;
    env.set("TERM", "xterm-256color");
    EXPECT_TRUE(colour_wanted(env, true));
    EXPECT_FALSE(colour_wanted(env, false));
    env.set("AWS_SESSION_COLORS", "1");
    EXPECT_TRUE(colour_wanted(env, false));
    env.set("NO_COLOR", "1");
    EXPECT_FALSE(colour_wanted(env, true));
}

TEST(Terminal, DumbOrMissingTermShowsNoColour) {
    Env env;
    EXPECT_FALSE(colour_terminal(env, true));
    env.set("TERM", "dumb");
    EXPECT_FALSE(colour_terminal(env, true));
    env.set("TERM", "xterm");
    EXPECT_TRUE(colour_terminal(env, true));
}

}  // namespace
}  // namespace awsume_shell::util
