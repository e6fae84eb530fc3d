// effective_mfa_serial: what `list` shows in its MFA column (issue 8 item 28).
#include <gtest/gtest.h>

#include "awsume_shell/config/aws_files.hpp"
#include "awsume_shell/config/profile_resolver.hpp"

using namespace awsume_shell::config;

namespace {

std::optional<std::string> effective(const std::string& name) {
    auto set = parse_profiles(
        "[profile alice]\nmfa_serial = arn:mfa/alice\n"
        "[profile admin]\nrole_arn = arn:aws:iam::1:role/admin\nsource_profile = alice\n"
        "[profile own]\nrole_arn = arn:aws:iam::1:role/own\nsource_profile = alice\nmfa_serial = arn:mfa/own\n"
        "[profile deep]\nrole_arn = arn:aws:iam::1:role/deep\nsource_profile = admin\n"
        "[profile partner]\nrole_arn = arn:aws:iam::1:role/p\nsource_profile = bob\n",
        "config", "[alice]\naws_access_key_id = A\naws_secret_access_key = s\n"
                  "[bob]\naws_access_key_id = B\naws_secret_access_key = s\n", "credentials");
    EXPECT_TRUE(set);
    auto chain = resolve_profile(*set, name);
    EXPECT_TRUE(chain) << chain.error().message;
    return effective_mfa_serial(*chain);
}

}  // namespace

TEST(EffectiveMfaSerial, RoleWithoutItsOwnUsesTheSourceUsers) {
    EXPECT_EQ(effective("admin"), "arn:mfa/alice");
    EXPECT_EQ(effective("deep"), "arn:mfa/alice");
}

TEST(EffectiveMfaSerial, RolesOwnWins) { EXPECT_EQ(effective("own"), "arn:mfa/own"); }

TEST(EffectiveMfaSerial, UsersOwnOrNone) {
    EXPECT_EQ(effective("alice"), "arn:mfa/alice");
    EXPECT_EQ(effective("bob"), std::nullopt);
    EXPECT_EQ(effective("partner"), std::nullopt);
}
