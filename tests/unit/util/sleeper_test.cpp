// util::SystemSleeper: a sleep a handled signal cuts short says so (the sign-in's Ctrl-C).
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>

#include "awsume_shell/util/clock.hpp"
#include "awsume_shell/util/signals.hpp"

namespace util = awsume_shell::util;

namespace {
void on_alarm(int) {}
}  // namespace

TEST(SystemSleeper, SleepsAndSaysWhenASignalCutItShort) {
    util::SystemSleeper sleeper;
    EXPECT_TRUE(sleeper.sleep_for(0));
    const util::ScopedSignals alarm_handler({SIGALRM}, on_alarm);
    const auto start = std::chrono::steady_clock::now();
    ::alarm(1);
    EXPECT_FALSE(sleeper.sleep_for(20));
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(FixedClockSleeper, MovesTheClockInsteadOfWaiting) {
    util::FixedClock clock(100);
    util::FixedClockSleeper sleeper(clock);
    EXPECT_TRUE(sleeper.sleep_for(5));
    EXPECT_TRUE(sleeper.sleep_for(10));
    EXPECT_EQ(clock.now(), 115);
    EXPECT_EQ(sleeper.sleeps(), 2);
}
