#include "awsume_shell/cache/cache_key.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

using awsume_shell::cache::CacheKey;
using awsume_shell::cache::file_name_for;
using awsume_shell::cache::mfa_session_key;
using awsume_shell::cache::role_key;

TEST(CacheKey, NamesAreReadableAndHashed) {
    const auto mfa = mfa_session_key("AKIAIOSFODNN7EXAMPLE", "arn:aws:iam::123456789012:mfa/alice");
    EXPECT_TRUE(std::regex_match(file_name_for(mfa),
                                 std::regex("mfa-session-alice_MPLE-[0-9a-f]{16}\\.json")))
        << file_name_for(mfa);
    const auto role = role_key("AKIAIOSFODNN7EXAMPLE", "arn:aws:iam::123456789012:role/ops/Admin",
                               "alice", "");
    EXPECT_TRUE(std::regex_match(file_name_for(role),
                                 std::regex("role-123456789012_Admin-[0-9a-f]{16}\\.json")))
        << file_name_for(role);
}

TEST(CacheKey, NoSecretsInTheLabel) {
    const auto mfa = mfa_session_key("AKIAIOSFODNN7EXAMPLE", "");
    EXPECT_EQ(file_name_for(mfa).find("AKIAIOSFODNN7"), std::string::npos);
}

TEST(CacheKey, DifferentIdentitiesGiveDifferentFiles) {
    std::set<std::string> names;
    const std::string arn = "arn:aws:iam::123456789012:role/Admin";
    names.insert(file_name_for(role_key("AKIA1", arn, "s", "")));
    names.insert(file_name_for(role_key("AKIA2", arn, "s", "")));
    names.insert(file_name_for(role_key("AKIA1", arn, "t", "")));
    names.insert(file_name_for(role_key("AKIA1", arn, "s", "ext")));
    names.insert(file_name_for(role_key("AKIA1", arn + "2", "s", "")));
    // Moving text between fields must not collide (length-prefixed join).
    names.insert(file_name_for(role_key("AKIA1", arn, "sx", "")));
    names.insert(file_name_for(role_key("AKIA1", arn, "s", "x")));
    names.insert(file_name_for(mfa_session_key("AKIA1", "arn:aws:iam::1:mfa/a")));
    names.insert(file_name_for(mfa_session_key("AKIA2", "arn:aws:iam::1:mfa/a")));
    names.insert(file_name_for(mfa_session_key("AKIA1", "arn:aws:iam::1:mfa/b")));
    EXPECT_EQ(names.size(), 10u);
}

TEST(CacheKey, SameKeySameFile) {
    EXPECT_EQ(file_name_for(role_key("a", "arn:aws:iam::1:role/r", "s", "e")),
              file_name_for(role_key("a", "arn:aws:iam::1:role/r", "s", "e")));
}

TEST(CacheKey, HostileKindsAndLabelsStayInTheDirectory) {
    for (const CacheKey& key :
         {CacheKey{"../../etc", "passwd", "x"}, CacheKey{"..", "..", ""}, CacheKey{"", "", ""},
          CacheKey{"role", "a/../../b", "x"}, CacheKey{".hidden", "x", "y"},
          CacheKey{"role", std::string(500, 'x'), "z"}, CacheKey{"r\n", "\x01\xff/", "q"}}) {
        const std::string name = file_name_for(key);
        EXPECT_EQ(name.find('/'), std::string::npos) << name;
        EXPECT_NE(name[0], '.') << name;
        EXPECT_LE(name.size(), 80u + 1 + 16 + 5) << name;
        EXPECT_TRUE(std::regex_match(name, std::regex("[A-Za-z0-9._-]*-[0-9a-f]{16}\\.json")))
            << name;
    }
}

TEST(CacheKey, SsoRoleCredentialsAreKeyedByPortalSessionAccountAndRole) {
    using awsume_shell::cache::sso_role_key;
    const std::string url = "https://corp.awsapps.com/start";
    const auto key = sso_role_key(url, "eu-west-1", "corp", "111122223333", "Developer");
    EXPECT_TRUE(std::regex_match(file_name_for(key), std::regex("sso-role-111122223333_Developer-[0-9a-f]{16}\\.json")))
        << file_name_for(key);
    std::set<std::string> names{file_name_for(key)};
    names.insert(file_name_for(sso_role_key("https://other.awsapps.com/start", "eu-west-1", "corp", "111122223333", "Developer")));
    names.insert(file_name_for(sso_role_key(url, "us-east-1", "corp", "111122223333", "Developer")));
    names.insert(file_name_for(sso_role_key(url, "eu-west-1", "corp", "111122223334", "Developer")));
    names.insert(file_name_for(sso_role_key(url, "eu-west-1", "corp", "111122223333", "Admin")));
    // Another sso-session of the same portal is another sign-in, maybe another person.
    names.insert(file_name_for(sso_role_key(url, "eu-west-1", "corp-admin", "111122223333", "Developer")));
    names.insert(file_name_for(sso_role_key(url, "eu-west-1", "", "111122223333", "Developer")));
    EXPECT_EQ(names.size(), 7U);
    EXPECT_EQ(file_name_for(key), file_name_for(sso_role_key(url, "eu-west-1", "corp", "111122223333", "Developer")));
}
