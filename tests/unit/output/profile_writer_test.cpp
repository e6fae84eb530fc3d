#include "awsume_shell/output/profile_writer.hpp"

#include <gtest/gtest.h>

#include "unit/cache/temp_dir.hpp"

using awsume_shell::output::SessionInfo;
using awsume_shell::output::write_profile_credentials;
using awsume_shell::testing::mode_of;
using awsume_shell::testing::read_text;
using awsume_shell::testing::TempDir;
using awsume_shell::testing::write_text;

namespace {

SessionInfo info() {
    SessionInfo i;
    i.profile = "prod";
    i.region = "eu-west-1";
    i.credentials.access_key_id = "ASIAEXAMPLE";
    i.credentials.secret_access_key = "secret";
    i.credentials.session_token = "token";
    i.credentials.expiration = 1795317260;
    return i;
}

}  // namespace

TEST(ProfileWriter, CreatesAPrivateFileWithTheProfile) {
    TempDir tmp;
    const std::string path = tmp.file("credentials");
    ASSERT_TRUE(write_profile_credentials(path, "awsume-prod", info()));
    EXPECT_EQ(mode_of(path), 0600u);
    const std::string text = read_text(path);
    EXPECT_NE(text.find("[awsume-prod]"), std::string::npos) << text;
    for (const char* line : {"aws_access_key_id = ASIAEXAMPLE", "aws_secret_access_key = secret",
                             "aws_session_token = token", "expiration = 2026-11-22T03:14:20Z",
                             "region = eu-west-1"}) {
        EXPECT_NE(text.find(line), std::string::npos) << line << "\n" << text;
    }
}

TEST(ProfileWriter, KeepsOtherProfiles) {
    TempDir tmp;
    const std::string path = tmp.file("credentials");
    write_text(path, "# mine\n[default]\naws_access_key_id = AKIAKEEP\naws_secret_access_key = keep\n");
    ASSERT_TRUE(write_profile_credentials(path, "out", info()));
    const std::string text = read_text(path);
    EXPECT_EQ(text.rfind("# mine\n[default]\naws_access_key_id = AKIAKEEP\naws_secret_access_key = keep\n", 0), 0u)
        << text;
    EXPECT_NE(text.find("[out]"), std::string::npos);
}

TEST(ProfileWriter, LongTermKeysWriteNoTokenOrExpiry) {
    TempDir tmp;
    SessionInfo i = info();
    i.credentials.session_token.clear();
    i.credentials.expiration.reset();
    i.region.reset();
    ASSERT_TRUE(write_profile_credentials(tmp.file("c"), "out", i));
    const std::string text = read_text(tmp.file("c"));
    EXPECT_EQ(text.find("aws_session_token"), std::string::npos);
    EXPECT_EQ(text.find("expiration"), std::string::npos);
    EXPECT_EQ(text.find("region"), std::string::npos);
}
