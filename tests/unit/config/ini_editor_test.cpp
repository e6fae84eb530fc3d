#include "awsume_shell/config/ini_editor.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "awsume_shell/config/aws_files.hpp"
#include "awsume_shell/config/ini_reader.hpp"

using awsume_shell::Errc;
using awsume_shell::config::parse_ini;
using awsume_shell::config::set_ini_value;
using awsume_shell::config::set_values_in_file;

namespace {

std::string edit(std::string_view text, const std::string& section, const std::string& key, const std::string& value) {
    auto out = set_ini_value(text, section, key, value);
    EXPECT_TRUE(out) << (out ? "" : out.error().message);
    if (out) {  // whatever we write must read back
        EXPECT_TRUE(parse_ini(*out, "edited")) << *out;
    }
    return out ? *out : "";
}

constexpr const char* k_config = "# my config\n"
                                 "[default]\n"
                                 "region = eu-west-1\n"
                                 "\n"
                                 "; the dev account\n"
                                 "[profile dev]\n"
                                 "region   =   us-east-1   \n"
                                 "s3 =\n"
                                 "    max_concurrent_requests = 4\n"
                                 "\n"
                                 "# next one\n"
                                 "[profile prod]\n"
                                 "mfa_serial = old\n";

}  // namespace

TEST(IniEditor, ReplacesOnlyTheValueBytes) {
    EXPECT_EQ(edit(k_config, "profile dev", "region", "ap-south-1"),
              std::string(k_config).replace(std::string(k_config).find("us-east-1"), 9, "ap-south-1"));
    EXPECT_EQ(edit(k_config, "profile prod", "mfa_serial", "arn:aws:iam::1:mfa/me"),
              std::string(k_config).replace(std::string(k_config).find("old"), 3, "arn:aws:iam::1:mfa/me"));
}

TEST(IniEditor, KeyMatchIsCaseInsensitiveLikeTheReader) {
    EXPECT_EQ(edit("[a]\nAWS_Access_Key_ID=OLD\n", "a", "aws_access_key_id", "NEW"), "[a]\nAWS_Access_Key_ID=NEW\n");
}

TEST(IniEditor, EmptyValueGetsFilled) {
    EXPECT_EQ(edit("[a]\nk =\nj=\n", "a", "k", "v"), "[a]\nk = v\nj=\n");
    EXPECT_EQ(edit("[a]\nk =\nj=\n", "a", "j", "v"), "[a]\nk =\nj=v\n");
}

TEST(IniEditor, AppendsAfterTheLastKeyOfTheSection) {
    const std::string out = edit(k_config, "profile dev", "mfa_serial", "arn:m");
    EXPECT_EQ(out, std::string(k_config).insert(std::string(k_config).find("\n\n# next one") + 1, "mfa_serial = arn:m\n"));
    EXPECT_EQ(edit("[a]\n  k = 1\n\n[b]\n", "a", "j", "2"), "[a]\n  k = 1\n  j = 2\n\n[b]\n");
    EXPECT_EQ(edit("[a]\n# only a comment\n[b]\n", "a", "j", "2"), "[a]\nj = 2\n# only a comment\n[b]\n");
    EXPECT_EQ(edit("[a]\nk = 1", "a", "j", "2"), "[a]\nk = 1\nj = 2\n");
}

TEST(IniEditor, AppendsANewSectionAfterOneBlankLine) {
    EXPECT_EQ(edit(k_config, "profile new", "region", "x"), std::string(k_config) + "\n[profile new]\nregion = x\n");
    EXPECT_EQ(edit("[a]\nk = 1", "b", "k", "2"), "[a]\nk = 1\n\n[b]\nk = 2\n");
    EXPECT_EQ(edit("[a]\nk = 1\n\n", "b", "k", "2"), "[a]\nk = 1\n\n[b]\nk = 2\n");
    EXPECT_EQ(edit("", "b", "k", "2"), "[b]\nk = 2\n");
}

TEST(IniEditor, KeepsCrlfAndBom) {
    const std::string text = "\xEF\xBB\xBF[a]\r\nk = 1\r\n\r\n[b]\r\nx = y\r\n";
    EXPECT_EQ(edit(text, "a", "k", "2"), "\xEF\xBB\xBF[a]\r\nk = 2\r\n\r\n[b]\r\nx = y\r\n");
    EXPECT_EQ(edit(text, "a", "j", "2"), "\xEF\xBB\xBF[a]\r\nk = 1\r\nj = 2\r\n\r\n[b]\r\nx = y\r\n");
    EXPECT_EQ(edit(text, "c", "j", "2"), text + "\r\n[c]\r\nj = 2\r\n");
}

TEST(IniEditor, SecretsWithSemicolonsAndLongTokensRoundTrip) {
    const std::string token(1500, 'T');
    std::string out = edit("[dev]\naws_secret_access_key = a ;b\n", "dev", "aws_session_token", token);
    out = edit(out, "dev", "aws_secret_access_key", "c #d ;e");
    auto doc = parse_ini(out, "x");
    ASSERT_TRUE(doc);
    EXPECT_EQ(doc->sections[0].find("aws_secret_access_key")->value, "c #d ;e");
    EXPECT_EQ(doc->sections[0].find("aws_session_token")->value, token);
}

TEST(IniEditor, OldContinuationLinesGoWithTheOldValue) {
    EXPECT_EQ(edit("[a]\ns3 =\n  x = 1\n  y = 2\nk = v\n", "a", "s3", "flat"), "[a]\ns3 = flat\nk = v\n");
}

TEST(IniEditor, OnlyTheNamedSectionIsTouched) {
    EXPECT_EQ(edit("[dev]\nk = 1\n[profile dev]\nk = 2\n", "profile dev", "k", "3"), "[dev]\nk = 1\n[profile dev]\nk = 3\n");
    EXPECT_EQ(edit("[profile   dev]\nk = 1\n", "profile dev", "k", "3"), "[profile   dev]\nk = 3\n");
}

TEST(IniEditor, RejectsWhatCannotBeOneLine) {
    EXPECT_EQ(set_ini_value("", "a", "k", "x\ny").error().code, Errc::usage);
    EXPECT_FALSE(set_ini_value("", "a\n", "k", "x"));
    EXPECT_FALSE(set_ini_value("", "a", "k=j", "x"));
    EXPECT_FALSE(set_ini_value("", "a", "", "x"));
}

class IniEditorFile : public ::testing::Test {
protected:
    void SetUp() override {
        char templ[] = "/tmp/awsume-editor-test-XXXXXX";
        ASSERT_NE(mkdtemp(templ), nullptr);
        m_dir = templ;
    }
    void TearDown() override { std::system(("rm -rf '" + m_dir + "'").c_str()); }
    static std::string read(const std::string& path) {
        std::ifstream in(path);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }
    static mode_t mode_of(const std::string& path) {
        struct stat st {};
        stat(path.c_str(), &st);
        return st.st_mode & 07777;
    }
    std::string m_dir;
};

TEST_F(IniEditorFile, NewFileGetsModeAndPrivateParent) {
    const std::string path = m_dir + "/aws/credentials";
    ASSERT_TRUE(set_values_in_file(path, "out", {{"aws_access_key_id", "K"}, {"aws_secret_access_key", "S"}}, 0600));
    EXPECT_EQ(read(path), "[out]\naws_access_key_id = K\naws_secret_access_key = S\n");
    EXPECT_EQ(mode_of(path), 0600u);
    EXPECT_EQ(mode_of(m_dir + "/aws"), 0700u);
}

TEST_F(IniEditorFile, ExistingFileKeepsItsModeAndOtherBytes) {
    const std::string path = m_dir + "/config";
    std::ofstream(path) << "# keep me\r\n[profile a]\r\nregion = x\r\n";
    chmod(path.c_str(), 0644);
    ASSERT_TRUE(set_values_in_file(path, "profile a", {{"mfa_serial", "arn:m"}}, 0600));
    EXPECT_EQ(read(path), "# keep me\r\n[profile a]\r\nregion = x\r\nmfa_serial = arn:m\r\n");
    EXPECT_EQ(mode_of(path), 0644u);
}

TEST_F(IniEditorFile, SymlinkTargetIsEdited) {
    const std::string target = m_dir + "/real";
    std::ofstream(target) << "[a]\nk = 1\n";
    ASSERT_EQ(symlink(target.c_str(), (m_dir + "/link").c_str()), 0);
    ASSERT_TRUE(set_values_in_file(m_dir + "/link", "a", {{"k", "2"}}, 0600));
    EXPECT_EQ(read(target), "[a]\nk = 2\n");
    struct stat st {};
    lstat((m_dir + "/link").c_str(), &st);
    EXPECT_TRUE(S_ISLNK(st.st_mode));
}
