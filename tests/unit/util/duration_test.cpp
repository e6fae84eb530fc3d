#include "awsume_shell/util/duration.hpp"

#include <gtest/gtest.h>

using awsume_shell::util::format_duration;
using awsume_shell::util::parse_duration;

TEST(ParseDuration, AcceptsNumbersAndUnits) {
    EXPECT_EQ(parse_duration("900").value(), 900);
    EXPECT_EQ(parse_duration("90s").value(), 90);
    EXPECT_EQ(parse_duration("15m").value(), 900);
    EXPECT_EQ(parse_duration("1h").value(), 3600);
    EXPECT_EQ(parse_duration("1h30m").value(), 5400);
    EXPECT_EQ(parse_duration("1d2h3m4s").value(), 86400 + 7200 + 180 + 4);
    EXPECT_EQ(parse_duration("0").value(), 0);
    EXPECT_EQ(parse_duration("12H").value(), 43200);
}

TEST(ParseDuration, RejectsMalformedText) {
    for (const char* text : {"", "m", "15x", "-5", "1.5h", "1h30", "30m1h", "1m1m", " 15m", "15 m",
                             "99999999999999999999"}) {
        auto result = parse_duration(text);
        EXPECT_FALSE(result) << text;
        if (!result) {
            EXPECT_NE(result.error().message.find("invalid duration"), std::string::npos);
        }
    }
}

TEST(FormatDuration, PrintsLargestUnitsFirst) {
    EXPECT_EQ(format_duration(3600), "1h");
    EXPECT_EQ(format_duration(5400), "1h30m");
    EXPECT_EQ(format_duration(90), "1m30s");
    EXPECT_EQ(format_duration(0), "0s");
}
