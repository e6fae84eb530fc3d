// Issue 8, item 26: profile_name_prefix names the output profile of -a without -o, as uber's
// assume-role names the profile it writes: <prefix>-<role name>, else <account>-<role name>.
#include <gtest/gtest.h>

#include "awsume_shell/credentials/obtain.hpp"

namespace awsume_shell::credentials {
namespace {

Obtained obtained(std::optional<std::string> role_arn, std::string profile = "prod") {
    Obtained o;
    o.profile = std::move(profile);
    o.role_arn = std::move(role_arn);
    return o;
}

TEST(DefaultOutputProfile, PrefixThenRoleName) {
    EXPECT_EQ(default_output_profile("corp", obtained("arn:aws:iam::111122223333:role/path/Admin")),
              "corp-Admin");
}

TEST(DefaultOutputProfile, AccountIdWithoutAPrefix) {
    EXPECT_EQ(default_output_profile("", obtained("arn:aws-cn:iam::111122223333:role/Admin")),
              "111122223333-Admin");
}

TEST(DefaultOutputProfile, ProfileNameForCredentialsThatAreNotARoles) {
    EXPECT_EQ(default_output_profile("corp", obtained(std::nullopt, "alice")), "corp-alice");
    EXPECT_EQ(default_output_profile("", obtained(std::nullopt, "alice")), "alice");
}

}  // namespace
}  // namespace awsume_shell::credentials
