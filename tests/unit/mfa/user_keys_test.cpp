#include "awsume_shell/mfa/user_keys.hpp"

#include <gtest/gtest.h>

#include "awsume_shell/config/aws_files.hpp"
#include "awsume_shell/mfa/tty_code_reader.hpp"

namespace awsume_shell::mfa {
namespace {

config::ProfileSet sample() {
    auto set = config::parse_profiles(
        "[profile dev]\nregion = eu-west-1\n"
        "[profile prod]\nrole_arn = arn:aws:iam::1:role/admin\nsource_profile = dev\n"
        "[profile proc]\ncredential_process = /bin/echo\n",
        "config",
        "[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = devsecret\n"
        "[temp]\naws_access_key_id = ASIATEMP\naws_secret_access_key = s\naws_session_token = t\n",
        "credentials");
    EXPECT_TRUE(set) << set.error().message;
    return *set;
}

TEST(UserKeys, UserProfileGivesItsKeys) {
    auto keys = long_term_user_keys(sample(), "dev");
    ASSERT_TRUE(keys) << keys.error().message;
    EXPECT_EQ(keys->access_key_id, "AKIADEV");
    EXPECT_EQ(keys->secret_access_key, "devsecret");
}

TEST(UserKeys, RoleProfileIsRefusedNamingTheRole) {
    auto keys = long_term_user_keys(sample(), "prod");
    ASSERT_FALSE(keys);
    EXPECT_EQ(keys.error().code, Errc::config);
    EXPECT_NE(keys.error().message.find("arn:aws:iam::1:role/admin"), std::string::npos);
}

TEST(UserKeys, ProcessAndSessionTokenProfilesAreRefused) {
    EXPECT_EQ(long_term_user_keys(sample(), "proc").error().code, Errc::config);
    auto temp = long_term_user_keys(sample(), "temp");
    ASSERT_FALSE(temp);
    EXPECT_NE(temp.error().message.find("session token"), std::string::npos);
    EXPECT_FALSE(long_term_user_keys(sample(), "nope"));
}

}  // namespace
}  // namespace awsume_shell::mfa
