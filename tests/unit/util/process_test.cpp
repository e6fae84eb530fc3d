// util::run_shell_command: bounded helpers (issue 8 item 17). A hang of one of these tests
// is the bug itself; none of them measures time.
#include "awsume_shell/util/process.hpp"

#include <gtest/gtest.h>

using awsume_shell::Errc;
using awsume_shell::util::Env;
using awsume_shell::util::ProcessOptions;
using awsume_shell::util::run_shell_command;

namespace {

ProcessOptions named(std::string what) {
    ProcessOptions options;
    options.what = std::move(what);
    return options;
}

Env path_env() {
    Env env;
    env.set("PATH", "/usr/bin:/bin");
    return env;
}

}  // namespace

TEST(RunShellCommand, OutputAndExitStatus) {
    auto out = run_shell_command("printf 'a b'; exit 3", path_env(), named("t"));
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->out, "a b");
    EXPECT_EQ(out->exit_status, 3);
}

TEST(RunShellCommand, StdinIsDevNullUnlessInherited) {
    auto out = run_shell_command("cat; echo end", path_env(), named("t"));
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->out, "end\n");
}

TEST(RunShellCommand, LingeringChildHoldingStdoutDoesNotKeepUsWaiting) {
    // The child of the helper keeps the pipe open for 60 s; the helper itself is done.
    auto out = run_shell_command("sleep 60 & printf done", path_env(), named("t"));
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->out, "done");
    EXPECT_EQ(out->exit_status, 0);
}

TEST(RunShellCommand, OutputBeyondTheCapIsAnError) {
    ProcessOptions options = named("credential_process of profile 'p' (f:2)");
    options.max_output = 4096;
    auto out = run_shell_command("head -c 100000 /dev/zero", path_env(), options);
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().code, Errc::io);
    EXPECT_EQ(out.error().message, "credential_process of profile 'p' (f:2) printed more than 4096 bytes: ended it");
    auto endless = run_shell_command("yes", path_env(), named("x"));
    ASSERT_FALSE(endless);
    EXPECT_EQ(endless.error().message, "x printed more than 1 MiB: ended it");
}

TEST(RunShellCommand, ExactlyTheCapIsFine) {
    ProcessOptions options = named("t");
    options.max_output = 4096;
    auto out = run_shell_command("head -c 4096 /dev/zero", path_env(), options);
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->out.size(), 4096u);
}

TEST(RunShellCommand, StillRunningAfterTheTimeoutIsEnded) {
    ProcessOptions options = named("mfa_process of profile 'p' (f:3)");
    options.timeout_seconds = 1;
    auto out = run_shell_command("trap '' TERM; exec sleep 60", path_env(), options);
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().code, Errc::io);
    EXPECT_EQ(out.error().message,
              "mfa_process of profile 'p' (f:3) was still running after 1s (process_timeout): ended it");
}
