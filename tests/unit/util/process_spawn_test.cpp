// util/process_spawn: the foreground child (the sub-shell's way to run) and the daemon
// (the -a refresher's).
#include "awsume_shell/util/process_spawn.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "unit/cache/temp_dir.hpp"

using awsume_shell::Errc;
using awsume_shell::testing::in_child;
using awsume_shell::testing::read_text;
using awsume_shell::testing::TempDir;
using awsume_shell::util::DaemonStdio;
using awsume_shell::util::Env;
using awsume_shell::util::run_in_foreground;
using awsume_shell::util::start_daemon;

namespace {

Env path_env() {
    Env env;
    env.set("PATH", "/usr/bin:/bin");
    return env;
}

struct sigaction disposition(int sig) {
    struct sigaction current {};
    ::sigaction(sig, nullptr, &current);
    return current;
}

}  // namespace

TEST(RunInForeground, ExitStatusAndSignalDeath) {
    auto status = run_in_foreground({"/bin/sh", "-c", "exit 5"}, path_env(), "a test");
    ASSERT_TRUE(status) << status.error().message;
    EXPECT_EQ(*status, 5);
    status = run_in_foreground({"/bin/sh", "-c", "kill -KILL $$"}, path_env(), "a test");
    ASSERT_TRUE(status) << status.error().message;
    EXPECT_EQ(*status, 128 + SIGKILL);
}

TEST(RunInForeground, NothingToExecIs127And126) {
    auto missing = run_in_foreground({"/nonexistent/shell"}, path_env(), "a test");
    ASSERT_TRUE(missing);
    EXPECT_EQ(*missing, 127);
    auto not_executable = run_in_foreground({"/etc/passwd"}, path_env(), "a test");
    ASSERT_TRUE(not_executable);
    EXPECT_EQ(*not_executable, 126);
}

TEST(RunInForeground, ChildStartsWithOurDispositionsWhichComeBackAfter) {
    // Ctrl-C is ignored while the child runs, but the child itself gets SIGINT as we had it.
    auto status = run_in_foreground({"/bin/sh", "-c", "kill -INT $$; exit 9"}, path_env(), "a test");
    ASSERT_TRUE(status);
    EXPECT_EQ(*status, 128 + SIGINT);
    EXPECT_EQ(disposition(SIGINT).sa_handler, SIG_DFL);
    EXPECT_EQ(disposition(SIGTERM).sa_handler, SIG_DFL);
}

TEST(RunInForeground, TermForUsEndsTheChildByHangupAndCountsAsTerm) {
    TempDir tmp;
    const std::string mark = tmp.file("hup");
    const int status = in_child([&] {
        // An interactive shell ignores TERM: only the HUP it is given ends it. The TERM is
        // sent at once, before the parent may have noted the child's pid.
        auto result = run_in_foreground(
            {"/bin/sh", "-c",
             "trap '' TERM; trap 'echo hup > \"$0\"; exit 0' HUP; kill -TERM $PPID; "
             "i=0; while [ $i -lt 40 ]; do sleep 0.05; i=$((i+1)); done; exit 7",
             mark},
            path_env(), "a test");
        return result ? *result : 99;
    });
    EXPECT_EQ(status, 128 + SIGTERM);
    EXPECT_EQ(read_text(mark), "hup\n");
}

TEST(StartDaemon, NotOurChildOwnSessionOnlyTheGivenDescriptors) {
    TempDir tmp;
    const std::string out = tmp.file("out");
    const int in_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    const int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    const int extra = ::open("/dev/null", O_RDONLY);  // not close-on-exec: must not be inherited
    auto started = start_daemon(
        {"/bin/sh", "-c",
         "echo ppid=$(ps -o ppid= -p $$ | tr -d ' ') sid=$(ps -o sid= -p $$ | tr -d ' ') pid=$$; "
         "exec ls /proc/self/fd"},
        path_env(), DaemonStdio{in_fd, out_fd, out_fd}, "test");
    ASSERT_TRUE(started) << started.error().message;
    for (int fd : {in_fd, out_fd, extra}) {
        ::close(fd);
    }
    std::string text;
    for (int i = 0; i < 100 && text.find("\n3\n") == std::string::npos; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        text = read_text(out);
    }
    EXPECT_EQ(text.find("ppid=" + std::to_string(::getpid()) + " "), std::string::npos) << text;
    // A session of its own (not ours), of which it is not the leader: it can never get a
    // controlling terminal.
    const auto pid_at = text.find(" pid=");
    const auto sid_at = text.find(" sid=");
    ASSERT_NE(pid_at, std::string::npos) << text;
    const std::string pid = text.substr(pid_at + 5, text.find('\n') - pid_at - 5);
    const std::string sid = text.substr(sid_at + 5, pid_at - sid_at - 5);
    EXPECT_NE(sid, std::to_string(::getsid(0))) << text;
    EXPECT_NE(sid, pid) << text;
    // 0, 1 and 2, and the folder ls opened to list them: nothing inherited beyond that
    EXPECT_EQ(text.substr(text.find('\n') + 1), "0\n1\n2\n3\n") << text;
}
