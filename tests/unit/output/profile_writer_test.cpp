#include "awsume_shell/output/profile_writer.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "unit/cache/temp_dir.hpp"

using awsume_shell::Errc;
using awsume_shell::output::check_output_profile;
using awsume_shell::output::narrowed_mode_note;
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

SessionInfo long_term() {
    SessionInfo i;
    i.profile = "bob";
    i.credentials.access_key_id = "AKIABOB";
    i.credentials.secret_access_key = "bobsecret";
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

// -o writes only sections awsume-shell manages (issue 8, items 1, 3 and 28).
TEST(ProfileWriterOwnership, RefusesAUsersSectionAndLeavesTheFileAlone) {
    TempDir tmp;
    const std::string path = tmp.file("credentials");
    const std::string text = "[alice]\naws_access_key_id = AKIAALICE\naws_secret_access_key = keep\n";
    write_text(path, text);
    auto result = write_profile_credentials(path, "alice", info());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, Errc::usage);
    EXPECT_NE(result.error().message.find(path), std::string::npos) << result.error().message;
    EXPECT_NE(result.error().message.find("[alice]"), std::string::npos) << result.error().message;
    EXPECT_EQ(read_text(path), text);
    EXPECT_FALSE(check_output_profile(path, tmp.file("config"), "alice"));
    EXPECT_TRUE(check_output_profile(path, tmp.file("config"), "other"));
    EXPECT_TRUE(check_output_profile(tmp.file("missing"), tmp.file("config"), "alice"));
}

TEST(ProfileWriterOwnership, RefusesASectionAnotherToolManages) {
    TempDir tmp;
    const std::string path = tmp.file("credentials");
    write_text(path, "[out]\nmanager = awsume\naws_session_token = t\nexpiration = 2020-01-01T00:00:00Z\n");
    auto result = write_profile_credentials(path, "out", info());
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().message.find("'awsume'"), std::string::npos) << result.error().message;
}

TEST(ProfileWriterOwnership, RefusesTemporaryCredentialsWithKeysWeDoNotWrite) {
    TempDir tmp;
    const std::string path = tmp.file("credentials");
    write_text(path, "[out]\naws_access_key_id = A\naws_session_token = t\nexpiration = x\nrole_arn = r\n");
    EXPECT_FALSE(write_profile_credentials(path, "out", info()));
}

TEST(ProfileWriterOwnership, MarksItsSectionsAndRewritesThem) {
    TempDir tmp;
    const std::string path = tmp.file("credentials");
    ASSERT_TRUE(write_profile_credentials(path, "out", info()));
    EXPECT_EQ(read_text(path).rfind("[out]\naws_access_key_id = ASIAEXAMPLE\n", 0), 0u) << read_text(path);
    EXPECT_NE(read_text(path).find("region = eu-west-1\nmanager = awsume-shell\n"), std::string::npos);
    ASSERT_TRUE(write_profile_credentials(path, "out", long_term()));
    EXPECT_EQ(read_text(path),
              "[out]\naws_access_key_id = AKIABOB\naws_secret_access_key = bobsecret\nmanager = awsume-shell\n");
}

TEST(ProfileWriterOwnership, AdoptsASectionWrittenBeforeTheMarkerAndAnEmptyOne) {
    TempDir tmp;
    const std::string path = tmp.file("credentials");
    write_text(path, "[old]\naws_access_key_id = A\naws_secret_access_key = s\naws_session_token = t\n"
                     "expiration = 2020-01-01T00:00:00Z\nregion = us-east-1\n\n[empty]\n");
    ASSERT_TRUE(write_profile_credentials(path, "old", long_term()));
    ASSERT_TRUE(write_profile_credentials(path, "empty", long_term()));
    const std::string text = read_text(path);
    EXPECT_EQ(text.find("aws_session_token"), std::string::npos) << text;
    EXPECT_EQ(text.find("us-east-1"), std::string::npos) << text;
    EXPECT_NE(text.find("[empty]\naws_access_key_id = AKIABOB\n"), std::string::npos) << text;
}

TEST(ProfileWriterOwnership, AFileOpenToOthersBecomes0600AndSaysSo) {
    TempDir tmp;
    const std::string path = tmp.file("credentials");
    write_text(path, "[a]\nk = 1\n");
    ::chmod(path.c_str(), 0644);
    auto written = write_profile_credentials(path, "out", info());
    ASSERT_TRUE(written);
    EXPECT_EQ(mode_of(path), 0600u);
    EXPECT_NE(narrowed_mode_note(*written).find("0644"), std::string::npos);
    ::chmod(path.c_str(), 0640);  // group access only: the user's choice
    written = write_profile_credentials(path, "out", info());
    ASSERT_TRUE(written);
    EXPECT_EQ(mode_of(path), 0640u);
    EXPECT_EQ(narrowed_mode_note(*written), "");
}

TEST(ProfileWriterOwnership, RefusesAProfileTheConfigFileGivesCredentials) {
    TempDir tmp;
    const std::string credentials = tmp.file("credentials");
    const std::string config = tmp.file("config");
    write_text(credentials, "[empty]\n\n[out]\nmanager = awsume-shell\naws_access_key_id = A\n");
    write_text(config,
               "[default]\ncredential_process = /bin/true\n\n[profile carol]\nAWS_ACCESS_KEY_ID = AKIACAROL\n\n"
               "[profile empty]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = carol\n\n"
               "[profile out]\nrole_arn = arn:aws:iam::123456789012:role/x\n\n[profile regional]\nregion = eu-west-1\n\n"
               "[profile  \"quoted\"]\nsso_session = corp\n");
    auto carol = check_output_profile(credentials, config, "carol");
    ASSERT_FALSE(carol);
    EXPECT_EQ(carol.error().code, Errc::usage);
    EXPECT_NE(carol.error().message.find(config), std::string::npos) << carol.error().message;
    EXPECT_NE(carol.error().message.find("aws_access_key_id"), std::string::npos) << carol.error().message;
    EXPECT_FALSE(check_output_profile(credentials, config, "empty"));    // an empty section is no claim
    EXPECT_FALSE(check_output_profile(credentials, config, "default"));  // [default], not [profile default]
    EXPECT_TRUE(check_output_profile(credentials, config, "out"));       // ours already
    EXPECT_TRUE(check_output_profile(credentials, config, "regional"));  // a region is no credential
    EXPECT_FALSE(check_output_profile(credentials, config, "quoted"));   // read as the AWS CLI reads it
    EXPECT_TRUE(check_output_profile(credentials, config, "new"));
}
