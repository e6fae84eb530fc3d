#include "awsume_shell/util/time_format.hpp"

#include <gtest/gtest.h>

using awsume_shell::util::format_iso8601;
using awsume_shell::util::parse_iso8601;

TEST(TimeFormat, FormatsUtcWithZ) {
    EXPECT_EQ(format_iso8601(0), "1970-01-01T00:00:00Z");
    EXPECT_EQ(format_iso8601(1795317260), "2026-11-22T03:14:20Z");
    EXPECT_EQ(format_iso8601(951782400), "2000-02-29T00:00:00Z");
    EXPECT_EQ(format_iso8601(-1), "1969-12-31T23:59:59Z");
}

TEST(TimeFormat, ParsesWhatItFormats) {
    for (long long t : {0LL, 1LL, 951782400LL, 1795317260LL, 4102444799LL, -86401LL}) {
        auto parsed = parse_iso8601(format_iso8601(t));
        ASSERT_TRUE(parsed) << t;
        EXPECT_EQ(*parsed, t);
    }
}

TEST(TimeFormat, ParsesFractionsAndOffsets) {
    EXPECT_EQ(parse_iso8601("2026-11-22T03:14:20.123Z"), 1795317260);
    EXPECT_EQ(parse_iso8601("2026-11-22T03:14:20+00:00"), 1795317260);
    EXPECT_EQ(parse_iso8601("2026-11-22T05:14:20+02:00"), 1795317260);
    EXPECT_EQ(parse_iso8601("2026-11-22T01:14:20-0200"), 1795317260);
    EXPECT_EQ(parse_iso8601("2026-11-22T03:14:20.5+00:00"), 1795317260);
}

TEST(TimeFormat, RefusesNaiveAndMalformedTimes) {
    for (const char* bad : {"", "2026-11-22T03:14:20", "2026-11-22 03:14:20Z", "2026-13-01T00:00:00Z",
                            "2026-02-29T00:00:00Z", "2026-11-22T24:00:00Z", "2026-11-22T03:14:20Zx",
                            "2026-11-22T03:14:20.Z", "26-11-22T03:14:20Z", "2026-11-22T03:14Z",
                            "2026-11-22T03:14:20+2:00", "abcd-11-22T03:14:20Z"}) {
        EXPECT_FALSE(parse_iso8601(bad)) << bad;
    }
    EXPECT_TRUE(parse_iso8601("2024-02-29T00:00:00Z"));
}
