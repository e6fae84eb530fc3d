// util/signals: dispositions for a scope, the refresher's stop signals, signals by pid.
#include "awsume_shell/util/signals.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include "unit/cache/temp_dir.hpp"

using awsume_shell::testing::in_child;
using awsume_shell::util::FixedClock;
using awsume_shell::util::process_exists;
using awsume_shell::util::ScopedSignals;
using awsume_shell::util::send_signal;
using awsume_shell::util::SignalHandler;
using awsume_shell::util::StopSignals;

namespace {

volatile sig_atomic_t g_seen = 0;
extern "C" void note(int sig) { g_seen = sig; }

SignalHandler handler_of(int sig) {
    struct sigaction current {};
    ::sigaction(sig, nullptr, &current);
    return current.sa_handler;
}

}  // namespace

TEST(ScopedSignals, SetsForTheScopeAndPutsThePreviousBack) {
    ASSERT_EQ(handler_of(SIGUSR1), SIG_DFL);
    {
        ScopedSignals scoped({SIGUSR1, SIGUSR2}, note);
        EXPECT_EQ(handler_of(SIGUSR1), note);
        EXPECT_EQ(handler_of(SIGUSR2), note);
        g_seen = 0;
        ::raise(SIGUSR2);
        EXPECT_EQ(g_seen, SIGUSR2);
    }
    EXPECT_EQ(handler_of(SIGUSR1), SIG_DFL);
    EXPECT_EQ(handler_of(SIGUSR2), SIG_DFL);
}

TEST(ScopedSignals, DefaultOnlyLeavesAnIgnoredSignalAlone) {
    ScopedSignals outer({SIGUSR1}, SIG_IGN);
    {
        ScopedSignals inner({SIGUSR1, SIGUSR2}, note, ScopedSignals::Where::default_only);
        EXPECT_EQ(handler_of(SIGUSR1), SIG_IGN);
        EXPECT_EQ(handler_of(SIGUSR2), note);
    }
    EXPECT_EQ(handler_of(SIGUSR1), SIG_IGN);
    EXPECT_EQ(handler_of(SIGUSR2), SIG_DFL);
}

TEST(ScopedSignals, RestoreNowThenTheEndOfScopeDoesNothingMore) {
    ScopedSignals scoped({SIGUSR1}, SIG_IGN);
    scoped.restore();
    EXPECT_EQ(handler_of(SIGUSR1), SIG_DFL);
    ScopedSignals later({SIGUSR1}, note);  // not undone by `scoped`'s end
    EXPECT_EQ(handler_of(SIGUSR1), note);
}

TEST(EndBySignal, EndsTheProcessAsTheSignalWould) {
    const int status = in_child([] {
        ScopedSignals handled({SIGTERM}, [](int sig) { awsume_shell::util::end_by_signal(sig); });
        ::raise(SIGTERM);
        return 0;
    });
    EXPECT_EQ(status, 128 + SIGTERM);
}

TEST(StopSignals, SleepEndsAtTheWakeTimeOrAtAStopSignal) {
    const int status = in_child([] {
        StopSignals stop;
        FixedClock clock(1000);
        if (!stop.sleep_until(clock, 1000) || StopSignals::received() != 0) {
            return 1;  // the wake time has come: no sleep at all
        }
        if (::fork() == 0) {
            ::usleep(100 * 1000);
            ::kill(::getppid(), SIGHUP);
            ::_exit(0);
        }
        // Without the HUP this would sleep a minute at a time for ever (the fixed clock
        // never moves); the test's time limit is what would catch it.
        const bool woke_by_time = stop.sleep_until(clock, 1'000'000);
        return !woke_by_time && StopSignals::received() == SIGHUP ? 0 : 2;
    });
    EXPECT_EQ(status, 0);
}

TEST(SendSignal, NeverToAGroupOrToEveryProcess) {
    EXPECT_FALSE(send_signal(0, 0));
    EXPECT_FALSE(send_signal(-1, 0));
    EXPECT_TRUE(send_signal(::getpid(), 0));
}

TEST(ProcessExists, OursYesAReapedChildNo) {
    EXPECT_TRUE(process_exists(::getpid()));
    const pid_t child = ::fork();
    if (child == 0) {
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    EXPECT_FALSE(process_exists(child));
}
