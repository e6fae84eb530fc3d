#include "awsume_shell/config/aws_files.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

using awsume_shell::Errc;
using awsume_shell::config::AwsFilePaths;
using awsume_shell::config::load_profiles;
using awsume_shell::config::locate_aws_files;
using awsume_shell::config::parse_profiles;
using awsume_shell::config::ProfileSet;
using awsume_shell::config::profile_type;

namespace {

ProfileSet parse_ok(std::string_view config, std::string_view credentials) {
    auto set = parse_profiles(config, "CONFIG", credentials, "CREDS");
    EXPECT_TRUE(set) << (set ? "" : set.error().message);
    return set ? *set : ProfileSet{};
}

}  // namespace

TEST(LocateAwsFiles, FlagsThenEnvironmentThenHome) {
    awsume_shell::util::Env env;
    env.set("HOME", "/home/u");
    auto paths = locate_aws_files(env, std::nullopt, std::nullopt);
    EXPECT_EQ(paths.config, "/home/u/.aws/config");
    EXPECT_EQ(paths.credentials, "/home/u/.aws/credentials");
    env.set("AWS_CONFIG_FILE", "~/cfg");
    env.set("AWS_SHARED_CREDENTIALS_FILE", "/etc/creds");
    paths = locate_aws_files(env, std::nullopt, std::nullopt);
    EXPECT_EQ(paths.config, "/home/u/cfg");
    EXPECT_EQ(paths.credentials, "/etc/creds");
    paths = locate_aws_files(env, std::string("/x/config"), std::string("~/c"));
    EXPECT_EQ(paths.config, "/x/config");
    EXPECT_EQ(paths.credentials, "/home/u/c");
}

TEST(ParseProfiles, ConfigNeedsProfilePrefixExceptDefault) {
    auto set = parse_ok("[default]\nregion = a\n[profile dev]\nregion = b\n[staging]\nregion = c\n"
                        "[sso-session corp]\nsso_region = x\n[services local]\ns3 =\n  endpoint_url = y\n"
                        "[profile \"with space\"]\nregion = d\n[profile]\nregion = e\n",
                        "");
    EXPECT_EQ(set.names(), (std::vector<std::string>{"default", "dev", "with space"}));
    EXPECT_EQ(set.find("dev")->get("region"), "b");
    EXPECT_EQ(set.find("dev")->origin(), "CONFIG:3");
    EXPECT_EQ(set.find("dev")->origin("region"), "CONFIG:4");
    EXPECT_EQ(set.find("staging"), nullptr);
}

TEST(ParseProfiles, ProfileDefaultWorksAndLaterSectionWinsWhole) {
    auto set = parse_ok("[default]\nregion = a\noutput = json\n[profile default]\nregion = b\n", "");
    EXPECT_EQ(set.find("default")->get("region"), "b");
    EXPECT_EQ(set.find("default")->get("output"), std::nullopt);
}

TEST(ParseProfiles, CredentialsSectionsAreLiteralAndOverrideConfigKeys) {
    auto set = parse_ok("[profile dev]\nregion = eu-west-1\naws_access_key_id = FROMCONFIG\n",
                        "[dev]\naws_access_key_id = FROMCREDS\naws_secret_access_key = s\n"
                        "[profile odd]\naws_access_key_id = k\n");
    const auto* dev = set.find("dev");
    ASSERT_NE(dev, nullptr);
    EXPECT_EQ(dev->get("aws_access_key_id"), "FROMCREDS");
    EXPECT_EQ(dev->origin("aws_access_key_id"), "CREDS:2");
    EXPECT_EQ(dev->get("region"), "eu-west-1");
    EXPECT_EQ(dev->origin(), "CONFIG:1");
    EXPECT_TRUE(dev->has_static_keys());
    EXPECT_NE(set.find("profile odd"), nullptr);
    EXPECT_EQ(set.find("odd"), nullptr);
}

TEST(ParseProfiles, EmptyValueCountsAsUnset) {
    auto set = parse_ok("", "[a]\naws_access_key_id =\naws_secret_access_key = s\n");
    EXPECT_EQ(set.find("a")->get("aws_access_key_id"), std::nullopt);
    EXPECT_FALSE(set.find("a")->has_static_keys());
}

TEST(ParseProfiles, NestedSubSectionsBelongToTheirKey) {
    auto set = parse_ok("[profile a]\ns3 =\n  region = nested\nregion = top\n", "");
    EXPECT_EQ(set.find("a")->get("region"), "top");
    EXPECT_EQ(set.find("a")->get("s3"), "\nregion = nested");
}

TEST(ParseProfiles, ErrorsNameTheFileAndLine) {
    auto set = parse_profiles("[default]\nregion = a\n", "CONFIG", "[a]\nkey\n", "CREDS");
    ASSERT_FALSE(set);
    EXPECT_EQ(set.error().code, Errc::config);
    EXPECT_EQ(set.error().message, "CREDS:2: not a '[section]' or 'key = value' line");
}

TEST(ProfileType, RoleUserProcessSso) {
    auto set = parse_ok("[profile r]\nrole_arn = x\naws_access_key_id = a\naws_secret_access_key = b\n"
                        "[profile p]\ncredential_process = run\n[profile s]\nsso_session = corp\n"
                        "[profile u]\naws_access_key_id = a\naws_secret_access_key = b\n",
                        "");
    EXPECT_EQ(profile_type(*set.find("r")), "role");
    EXPECT_EQ(profile_type(*set.find("p")), "process");
    EXPECT_EQ(profile_type(*set.find("s")), "sso");
    EXPECT_EQ(profile_type(*set.find("u")), "user");
}

class LoadProfilesTest : public ::testing::Test {
protected:
    void SetUp() override {
        char templ[] = "/tmp/awsume-config-test-XXXXXX";
        ASSERT_NE(mkdtemp(templ), nullptr);
        m_dir = templ;
    }
    void TearDown() override { std::system(("rm -rf '" + m_dir + "'").c_str()); }
    void write(const std::string& name, const std::string& text) { std::ofstream(m_dir + "/" + name) << text; }
    std::string m_dir;
};

TEST_F(LoadProfilesTest, MissingFilesHoldNoProfiles) {
    auto set = load_profiles(AwsFilePaths{m_dir + "/nope", m_dir + "/nope/either"});
    ASSERT_TRUE(set);
    EXPECT_TRUE(set->profiles.empty());
}

TEST_F(LoadProfilesTest, MissingFileNamedByAnOptionIsAnErrorByAVariableIsNot) {
    write("config", "[profile a]\nregion = x\n");
    awsume_shell::util::Env env;
    env.set("HOME", m_dir);
    env.set("AWS_SHARED_CREDENTIALS_FILE", m_dir + "/creds-not-yet");
    auto set = load_profiles(locate_aws_files(env, m_dir + "/config", std::nullopt));
    ASSERT_TRUE(set) << set.error().message;  // as botocore: a variable's missing file is empty
    auto typo = load_profiles(locate_aws_files(env, m_dir + "/config", m_dir + "/creds-typo"));
    ASSERT_FALSE(typo);
    EXPECT_EQ(typo.error().code, Errc::config);
    EXPECT_EQ(typo.error().message, m_dir + "/creds-typo (named by --credentials-file) does not exist");
    auto flag = load_profiles(locate_aws_files(env, m_dir + "/cfg-typo", m_dir + "/config"));
    ASSERT_FALSE(flag);
    EXPECT_EQ(flag.error().message, m_dir + "/cfg-typo (named by --config-file) does not exist");
}

TEST_F(LoadProfilesTest, ReadsBothFiles) {
    write("config", "[profile a]\nregion = x\n");
    write("credentials", "[a]\naws_access_key_id = k\naws_secret_access_key = s\n");
    auto set = load_profiles(AwsFilePaths{m_dir + "/config", m_dir + "/credentials"});
    ASSERT_TRUE(set);
    EXPECT_TRUE(set->find("a")->has_static_keys());
    EXPECT_EQ(set->find("a")->origin("region"), m_dir + "/config:2");
}

TEST_F(LoadProfilesTest, DirectoryIsAnErrorNamingIt) {
    auto set = load_profiles(AwsFilePaths{m_dir, m_dir + "/credentials"});
    ASSERT_FALSE(set);
    EXPECT_EQ(set.error().code, Errc::config);
    EXPECT_EQ(set.error().message, "cannot read " + m_dir + ": it is a directory");
}

// A named pipe at ~/.aws/credentials is an error, not a command blocked in open(2) for ever.
TEST_F(LoadProfilesTest, NamedPipeIsAnErrorNotAHang) {
    ASSERT_EQ(mkfifo((m_dir + "/credentials").c_str(), 0600), 0);
    auto set = load_profiles(AwsFilePaths{m_dir + "/config", m_dir + "/credentials"});
    ASSERT_FALSE(set);
    EXPECT_EQ(set.error().code, Errc::config);
    EXPECT_EQ(set.error().message, "cannot read " + m_dir + "/credentials: not a regular file");
}

TEST_F(LoadProfilesTest, DevNullReadsAsEmpty) {  // AWS_CONFIG_FILE=/dev/null is a known idiom
    auto set = load_profiles(AwsFilePaths{"/dev/null", "/dev/null"});
    ASSERT_TRUE(set) << set.error().message;
    EXPECT_TRUE(set->profiles.empty());
}

TEST_F(LoadProfilesTest, UnreadableFileIsAnErrorNamingIt) {
    if (geteuid() == 0) {
        GTEST_SKIP() << "root reads any file";
    }
    write("credentials", "[a]\n");
    chmod((m_dir + "/credentials").c_str(), 0);
    auto set = load_profiles(AwsFilePaths{m_dir + "/config", m_dir + "/credentials"});
    ASSERT_FALSE(set);
    EXPECT_EQ(set.error().message, "cannot read " + m_dir + "/credentials: Permission denied");
}

// Expected values taken from botocore's load_config on the same text (AWS CLI 2.9 and
// botocore 1.43): lowercased keys, no inline comments, `[profiles x]` is profile x (it only
// checks the "profile" prefix), quoted names, and an indented header continues a value.
TEST(ParseProfiles, MatchesBotocoreOnItsQuirks) {
    auto set = parse_ok("[default]\nregion = a\n[profile dev]\nAWS_Access_Key_ID = K ;x\n"
                        "aws_secret_access_key = s #y\ns3 =\n  max = 1\n[profiles weird]\nregion = w\n"
                        "[profile \"sp ace\"]\nregion = q\n  [profile ind]\n  region = r\n  output = json\n"
                        "[staging]\nregion = c\n",
                        "");
    EXPECT_EQ(set.names(), (std::vector<std::string>{"default", "dev", "sp ace", "weird"}));
    EXPECT_EQ(set.find("dev")->get("aws_access_key_id"), "K ;x");
    EXPECT_EQ(set.find("dev")->get("aws_secret_access_key"), "s #y");
    EXPECT_EQ(set.find("sp ace")->get("region"), "q\n[profile ind]\nregion = r\noutput = json");
    EXPECT_EQ(set.find("weird")->get("region"), "w");
}
