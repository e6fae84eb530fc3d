// Regions become part of a host name: only host labels pass (issue 8 item 9).
#include "awsume_shell/util/region.hpp"

#include <gtest/gtest.h>

using awsume_shell::Errc;
using awsume_shell::util::check_region;
using awsume_shell::util::is_valid_region;

TEST(Region, RealRegionsAreValid) {
    for (const char* region : {"us-east-1", "eu-west-1", "cn-northwest-1", "us-gov-west-1",
                               "us-iso-east-1", "us-isob-east-1", "il-central-1", "local", "A1",
                               "x", "a-b"}) {
        EXPECT_TRUE(is_valid_region(region)) << region;
    }
}

TEST(Region, AnythingThatIsNotAHostLabelIsInvalid) {
    for (const char* region : {"", "x@evil.example/", "eu-west-1.evil.example", "us-east-1:443",
                               "-eu", "eu-", "us east 1", "us_east_1", "eu/west", "123", "\x1b[31m",
                               "eu-west-1\n"}) {
        EXPECT_FALSE(is_valid_region(region)) << region;
    }
    EXPECT_TRUE(is_valid_region(std::string(63, 'a')));
    EXPECT_FALSE(is_valid_region(std::string(64, 'a')));
}

TEST(Region, CheckNamesWhereTheValueCameFrom) {
    EXPECT_TRUE(check_region("eu-west-1", "--region", Errc::usage));
    auto bad = check_region("x@evil.example/", "/home/u/.aws/config:7", Errc::config);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, Errc::config);
    EXPECT_EQ(bad.error().message,
              "/home/u/.aws/config:7: region 'x@evil.example/' is not an AWS region name "
              "(letters, digits and '-', such as eu-west-1)");
}
