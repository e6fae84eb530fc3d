#include <gtest/gtest.h>

#include "awsume_shell/credentials/obtain.hpp"

namespace awsume_shell::credentials {
namespace {

const std::string k_admin = "arn:aws:iam::123456789012:role/Admin";

std::string expand(const std::string& text, std::optional<std::string> prefix = std::nullopt) {
    auto arn = expand_role_arn(text, prefix);
    return arn ? *arn : "error: " + arn.error().message;
}

void expect_usage_error(const std::string& text, std::optional<std::string> prefix = std::nullopt) {
    auto arn = expand_role_arn(text, prefix);
    ASSERT_FALSE(arn) << text << " gave " << *arn;
    EXPECT_EQ(arn.error().code, Errc::usage) << text;
    EXPECT_NE(arn.error().message.find("--role-arn"), std::string::npos) << arn.error().message;
}

TEST(ExpandRoleArn, FullArnIsKeptAsItIs) {
    EXPECT_EQ(expand(k_admin), k_admin);
    EXPECT_EQ(expand("arn:aws:iam::123456789012:role/team/Admin"),
              "arn:aws:iam::123456789012:role/team/Admin");
    EXPECT_EQ(expand("arn:aws-cn:iam::123456789012:role/Admin", "999999999999"),
              "arn:aws-cn:iam::123456789012:role/Admin");
}

TEST(ExpandRoleArn, AccountAndRoleMakeAnArnInTheAwsPartition) {
    EXPECT_EQ(expand("123456789012:Admin"), k_admin);
}

TEST(ExpandRoleArn, PartitionAccountAndRoleMakeAnArnInThatPartition) {
    EXPECT_EQ(expand("aws-us-gov:123456789012:Admin"), "arn:aws-us-gov:iam::123456789012:role/Admin");
}

TEST(ExpandRoleArn, BareRoleUsesAnAccountPrefix) {
    EXPECT_EQ(expand("Admin", "123456789012"), k_admin);
    EXPECT_EQ(expand("Admin", "aws-cn:123456789012"), "arn:aws-cn:iam::123456789012:role/Admin");
}

TEST(ExpandRoleArn, BareRoleUsesAnArnPrefixWithOrWithoutTrailingSlash) {
    EXPECT_EQ(expand("Admin", "arn:aws:iam::123456789012:role"), k_admin);
    EXPECT_EQ(expand("Admin", "arn:aws:iam::123456789012:role/"), k_admin);
    EXPECT_EQ(expand("Admin", "arn:aws:iam::123456789012:role/team"),
              "arn:aws:iam::123456789012:role/team/Admin");
    EXPECT_EQ(expand("Admin", "arn:aws:iam::123456789012:role/team/"),
              "arn:aws:iam::123456789012:role/team/Admin");
}

TEST(ExpandRoleArn, BareRoleWithoutPrefixIsAUsageErrorNamingRolePrefix) {
    expect_usage_error("Admin");
    auto arn = expand_role_arn("Admin", std::nullopt);
    ASSERT_FALSE(arn);
    EXPECT_NE(arn.error().message.find("role_prefix"), std::string::npos);
}

TEST(ExpandRoleArn, BadAccountIsAUsageError) {
    expect_usage_error("12345:Admin");
    expect_usage_error("1234567890123:Admin");
    expect_usage_error("12345678901a:Admin");
    expect_usage_error("aws:12345:Admin");
    expect_usage_error("Admin", "12345");
    expect_usage_error("arn:aws:iam::12345:role/Admin");
}

TEST(ExpandRoleArn, MalformedTextIsAUsageError) {
    expect_usage_error("");
    expect_usage_error("123456789012:");
    expect_usage_error(":123456789012:Admin");
    expect_usage_error("a:b:c:d");
    expect_usage_error("arn:aws:s3:::bucket");
    expect_usage_error("arn:aws:iam::123456789012:user/bob");
    expect_usage_error("arn:aws:iam::123456789012:role");
}

TEST(ExpandRoleArn, ArnWithoutARoleNameIsAUsageError) {
    expect_usage_error("arn:aws:iam::123456789012:role/");
    expect_usage_error("arn:aws:iam::123456789012:role/team/");
    expect_usage_error("", "arn:aws:iam::123456789012:role/");
}

TEST(PartitionOf, ReadsThePartitionOfAnArn) {
    EXPECT_EQ(partition_of(k_admin), "aws");
    EXPECT_EQ(partition_of("arn:aws-cn:iam::123456789012:role/Admin"), "aws-cn");
    EXPECT_EQ(partition_of("arn:aws-us-gov:iam::123456789012:role/Admin"), "aws-us-gov");
}

TEST(PartitionOf, FallsBackToAwsForAnythingElse) {
    EXPECT_EQ(partition_of(""), "aws");
    EXPECT_EQ(partition_of("Admin"), "aws");
    EXPECT_EQ(partition_of("arn::iam::123456789012:role/Admin"), "aws");
    EXPECT_EQ(partition_of("nope:aws-cn:iam"), "aws");
}

}  // namespace
}  // namespace awsume_shell::credentials
