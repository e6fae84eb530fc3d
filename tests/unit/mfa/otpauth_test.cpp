#include "awsume_shell/mfa/otpauth.hpp"

#include <gtest/gtest.h>

namespace awsume_shell::mfa {
namespace {

TEST(Otpauth, UriHasLabelSecretAndIssuer) {
    EXPECT_EQ(otpauth_uri("alice", "123456789012", "JBSWY3DPEHPK3PXP"),
              "otpauth://totp/AWS:alice@123456789012?secret=JBSWY3DPEHPK3PXP&issuer=AWS");
}

TEST(Otpauth, LabelIsPercentEncodedAndPaddingDropped) {
    EXPECT_EQ(otpauth_uri("a+b=c,d", "1", "jbsw===="),
              "otpauth://totp/AWS:a%2Bb%3Dc%2Cd@1?secret=JBSW&issuer=AWS");
}

TEST(Otpauth, AccountFromArn) {
    EXPECT_EQ(account_from_arn("arn:aws:iam::123456789012:user/alice"), "123456789012");
    EXPECT_EQ(account_from_arn("arn:aws-cn:iam::000000000001:user/path/bob"), "000000000001");
    EXPECT_EQ(account_from_arn("not an arn"), "");
}

TEST(Otpauth, ConfigSection) {
    EXPECT_EQ(config_section_for("default"), "default");
    EXPECT_EQ(config_section_for("dev"), "profile dev");
}

}  // namespace
}  // namespace awsume_shell::mfa
