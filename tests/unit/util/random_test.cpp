#include "awsume_shell/util/random.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace awsume_shell::util;

TEST(Random, HexOfTheAskedLengthAndNeverTwiceTheSame) {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        auto token = random_hex(32);
        ASSERT_TRUE(token);
        EXPECT_EQ(token->size(), 64U);
        EXPECT_EQ(token->find_first_not_of("0123456789abcdef"), std::string::npos);
        seen.insert(*token);
    }
    EXPECT_EQ(seen.size(), 100U);
}

TEST(Random, ConstantTimeEqualIsEquality) {
    EXPECT_TRUE(constant_time_equal("abc", "abc"));
    EXPECT_TRUE(constant_time_equal("", ""));
    EXPECT_FALSE(constant_time_equal("abc", "abd"));
    EXPECT_FALSE(constant_time_equal("abc", "ab"));
    EXPECT_FALSE(constant_time_equal("abc", "abcd"));
    EXPECT_FALSE(constant_time_equal("abc", ""));
    EXPECT_FALSE(constant_time_equal("", "a"));
    EXPECT_FALSE(constant_time_equal(std::string_view("a\0", 2), "a"));
}
