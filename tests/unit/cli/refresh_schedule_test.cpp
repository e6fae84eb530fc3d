// Issue 8 item 18: the -a refresher's schedule never busy-loops, and backs off on errors.
#include <gtest/gtest.h>

#include "awsume_shell/cli/auto_refresh.hpp"
#include "awsume_shell/cli/refresher_registry.hpp"

namespace awsume_shell::cli {
namespace {

constexpr util::UnixTime k_now = 1'700'000'000;

TEST(RefreshSchedule, RenewsTheMarginBeforeExpiry) {
    EXPECT_EQ(next_refresh_at(k_now, k_now + 3600), k_now + 3600 - k_refresh_margin);
}

TEST(RefreshSchedule, NeverSoonerThanTheFloorForShortOrExpiredCredentials) {
    EXPECT_EQ(next_refresh_at(k_now, k_now + 120), k_now + k_refresh_floor);
    EXPECT_EQ(next_refresh_at(k_now, k_now + k_refresh_margin), k_now + k_refresh_floor);
    EXPECT_EQ(next_refresh_at(k_now, k_now - 50), k_now + k_refresh_floor);
}

TEST(RefreshSchedule, RetriesBackOffFromTheFloorToTenMinutes) {
    EXPECT_EQ(retry_delay(1), 30);
    EXPECT_EQ(retry_delay(2), 60);
    EXPECT_EQ(retry_delay(3), 120);
    EXPECT_EQ(retry_delay(5), 480);
    EXPECT_EQ(retry_delay(6), 600);
    EXPECT_EQ(retry_delay(50), 600);
}

TEST(RefreshSchedule, OnlyPassingTroubleIsRetried) {
    EXPECT_TRUE(is_transient(Error{Errc::network, "timeout", ""}));
    EXPECT_TRUE(is_transient(Error{Errc::aws, "Rate exceeded", "Throttling"}));
    EXPECT_TRUE(is_transient(Error{Errc::aws, "x", "ServiceUnavailable"}));
    EXPECT_FALSE(is_transient(Error{Errc::aws, "x", "AccessDenied"}));
    EXPECT_FALSE(is_transient(Error{Errc::mfa, "the MFA session expired", ""}));
    EXPECT_FALSE(is_transient(Error{Errc::config, "no such profile", ""}));
}

TEST(RefresherRegistry, FileStemsOfDistinctNamesDiffer) {
    EXPECT_EQ(RefresherRegistry::file_stem("work-out_1.x"), "work-out_1.x");
    EXPECT_NE(RefresherRegistry::file_stem("a/b"), RefresherRegistry::file_stem("a_b"));
    EXPECT_EQ(RefresherRegistry::file_stem("a/b"), "a%2Fb");
    EXPECT_EQ(RefresherRegistry::file_stem(".."), "%2E.");
}

}  // namespace
}  // namespace awsume_shell::cli
