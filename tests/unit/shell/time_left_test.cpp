#include <gtest/gtest.h>

#include "awsume_shell/shell/subshell.hpp"
#include "awsume_shell/shell/time_left.hpp"
#include "shell_test_support.hpp"

namespace awsume_shell::shell {
namespace {

TEST(FormatTimeLeft, FollowsTheContract) {
    EXPECT_EQ(format_time_left(-10), "expired");
    EXPECT_EQ(format_time_left(0), "expired");
    EXPECT_EQ(format_time_left(1), "1s");
    EXPECT_EQ(format_time_left(59), "59s");
    EXPECT_EQ(format_time_left(60), "1m");
    EXPECT_EQ(format_time_left(119), "1m");
    EXPECT_EQ(format_time_left(3599), "59m");
    EXPECT_EQ(format_time_left(3600), "1h00m");
    EXPECT_EQ(format_time_left(3600 + 9 * 60 + 59), "1h09m");
    EXPECT_EQ(format_time_left(12 * 3600 - 1), "11h59m");
    EXPECT_EQ(format_time_left(36 * 3600 + 600), "36h10m");
}

TEST(TimeLevel, GreenYellowRed) {
    EXPECT_EQ(time_level(3600, 900), TimeLevel::ok);
    EXPECT_EQ(time_level(900, 900), TimeLevel::ok);
    EXPECT_EQ(time_level(899, 900), TimeLevel::warning);
    EXPECT_EQ(time_level(300, 900), TimeLevel::warning);
    EXPECT_EQ(time_level(299, 900), TimeLevel::critical);
    EXPECT_EQ(time_level(0, 900), TimeLevel::critical);
    EXPECT_EQ(time_level(-5, 900), TimeLevel::critical);
    EXPECT_EQ(time_level(200, 60), TimeLevel::critical);  // red wins over a small margin
    EXPECT_STREQ(to_string(TimeLevel::warning), "warning");
}

const long k_samples[] = {-100, -1, 0, 1, 30, 59, 60, 61, 299, 300, 301, 599, 899, 900, 901,
                          3599, 3600, 3601, 3659, 3660, 4199, 7200, 36000, 43199, 43200, 129600};

/// Fill the real template, stop its clock at a fixed time and ask its prompt function for
/// every sample, so that the shell arithmetic and format_time_left are checked to agree.
void expect_shell_agrees(const char* kind, const char* shell) {
    std::string home = testing::make_temp_dir();
    ASSERT_FALSE(home.empty());
    util::Env env;
    env.set("HOME", home);
    env.set("TMPDIR", home);
    SubshellSpec spec;
    spec.profile = "prod";
    spec.self_path = "/nonexistent/awsume-shell";
    spec.colour = false;
    auto dir = build_rc_dir(spec, *find_shell_flavour(kind), env);
    ASSERT_TRUE(dir) << dir.error().message;
    std::string rc = *dir + (std::string(kind) == "bash" ? "/bashrc" : "/.zshrc");
    std::string script = "HOME=" + home + "; . " + rc +
                         "; _awsume_shell_clock() { _awsume_shell_t=1000000; }; for s in";
    for (long s : k_samples) {
        script += " " + std::to_string(s);
    }
    script += "; do AWSUME_SHELL_EXPIRES=$((1000000 + s)); _awsume_shell_update;"
              " echo \"$AWSUME_SHELL_TIME_LEFT $AWSUME_SHELL_PROMPT_LEVEL $AWSUME_SHELL_PROMPT|$_awsume_shell_next|\"; done";
    testing::write_file(home + "/probe", script);
    std::string out = testing::run_command(std::string(shell) + " " + home + "/probe 2>&1");
    std::string expected;
    for (long s : k_samples) {
        std::string left = format_time_left(s);
        expected += left + " " + to_string(time_level(s, 900)) + " (prod " + left + ")|(prod " +
                    left + ") |\n";
    }
    EXPECT_EQ(out, expected) << shell;
    remove_rc_dir(*dir);
    remove_rc_dir(home);
}

TEST(FormatTimeLeft, BashTemplateAgrees) { expect_shell_agrees("bash", "bash"); }

TEST(FormatTimeLeft, ZshTemplateAgrees) {
    if (testing::run_command("command -v zsh").empty()) {
        GTEST_SKIP() << "zsh not installed";
    }
    expect_shell_agrees("zsh", "zsh -f");
}

}  // namespace
}  // namespace awsume_shell::shell
