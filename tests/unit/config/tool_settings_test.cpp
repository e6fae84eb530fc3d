#include "awsume_shell/config/tool_settings.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

using awsume_shell::Errc;
using awsume_shell::config::apply_tool_settings;
using awsume_shell::config::find_project_settings;
using awsume_shell::config::load_tool_settings;
using awsume_shell::util::tool_home;
using awsume_shell::config::ToolSettings;

namespace {

std::string apply_error(std::string_view text) {
    ToolSettings s;
    auto r = apply_tool_settings(s, text, "S");
    EXPECT_FALSE(r);
    if (r) {
        return "";
    }
    EXPECT_EQ(r.error().code, Errc::config);
    return r.error().message;
}

}  // namespace

TEST(ToolSettings, Defaults) {
    ToolSettings s;
    EXPECT_EQ(s.refresh_before_expiry, 900);
    EXPECT_EQ(s.wrap_commands, std::vector<std::string>{"aws"});
    EXPECT_FALSE(s.role_prefix);
    EXPECT_FALSE(s.session_duration);
}

TEST(ToolSettings, TopLevelAndSettingsSectionKeys) {
    ToolSettings s;
    ASSERT_TRUE(apply_tool_settings(s, "role_prefix = arn:aws:iam::1:role/\nrefresh_before_expiry = 1h30m\n"
                                       "[settings]\nsession_duration = 12h\nprofile_name_prefix = corp-\n"
                                       "wrap_commands = aws, terraform  sam,cdk\nprompt_format = (%p %t)\n",
                                    "S"));
    EXPECT_EQ(s.role_prefix, "arn:aws:iam::1:role/");
    EXPECT_EQ(s.refresh_before_expiry, 5400);
    EXPECT_EQ(s.session_duration, 43200);
    EXPECT_EQ(s.profile_name_prefix, "corp-");
    EXPECT_EQ(s.wrap_commands, (std::vector<std::string>{"aws", "terraform", "sam", "cdk"}));
    EXPECT_EQ(s.prompt_format, "(%p %t)");
    EXPECT_EQ(s.sources, std::vector<std::string>{"S"});
}

TEST(ToolSettings, DurationsAcceptAllForms) {
    for (auto [text, seconds] : {std::pair{"15m", 900L}, {"1h", 3600L}, {"900", 900L}, {"90s", 90L}}) {
        ToolSettings s;
        ASSERT_TRUE(apply_tool_settings(s, std::string("refresh_before_expiry = ") + text, "S")) << text;
        EXPECT_EQ(s.refresh_before_expiry, seconds);
    }
}

TEST(ToolSettings, UnknownKeyNamesFileLineAndSuggests) {
    EXPECT_EQ(apply_error("\nrefresh_befor_expiry = 5m\n"),
              "S:2: unknown setting 'refresh_befor_expiry'; did you mean 'refresh_before_expiry'?");
    EXPECT_EQ(apply_error("[other]\nrole_prefix = x\n"),
              "S:1: unknown section '[other]' (settings go at the top or under [settings])");
}

TEST(ToolSettings, BadValuesNameFileAndLine) {
    EXPECT_EQ(apply_error("role_prefix = x\nrefresh_before_expiry = soon\n"),
              "S:2: refresh_before_expiry: invalid duration 'soon': expected a number at 'soon'");
    EXPECT_EQ(apply_error("session_duration = 5m\n"), "S:1: session_duration: must be between 15m and 36h, got '5m'");
    EXPECT_EQ(apply_error("wrap_commands = aws; rm\n"),
              "S:1: wrap_commands: 'aws; rm' is not a list of command names");
    EXPECT_EQ(apply_error("garbage\n"), "S:1: not a '[section]' or 'key = value' line");
}

TEST(ToolSettings, EmptyValueRestoresTheDefault) {
    ToolSettings s;
    ASSERT_TRUE(apply_tool_settings(s, "role_prefix = x\nwrap_commands = tf\n", "A"));
    ASSERT_TRUE(apply_tool_settings(s, "role_prefix =\nwrap_commands =\n", "B"));
    EXPECT_FALSE(s.role_prefix);
    EXPECT_EQ(s.wrap_commands, std::vector<std::string>{"aws"});
}

class ToolSettingsFiles : public ::testing::Test {
protected:
    void SetUp() override {
        char templ[] = "/tmp/awsume-settings-test-XXXXXX";
        ASSERT_NE(mkdtemp(templ), nullptr);
        m_dir = templ;
        mkdir((m_dir + "/home").c_str(), 0700);
        mkdir((m_dir + "/home/.awsume-shell").c_str(), 0700);
        mkdir((m_dir + "/proj").c_str(), 0700);
        mkdir((m_dir + "/proj/sub").c_str(), 0700);
        mkdir((m_dir + "/proj/sub/deeper").c_str(), 0700);
        m_env.set("HOME", m_dir + "/home");
    }
    void TearDown() override { std::system(("rm -rf '" + m_dir + "'").c_str()); }
    void write(const std::string& name, const std::string& text) { std::ofstream(m_dir + "/" + name) << text; }
    std::string m_dir;
    awsume_shell::util::Env m_env;
};

TEST_F(ToolSettingsFiles, NearestProjectFileOverridesKeyByKey) {
    write("home/.awsume-shell/config.ini", "role_prefix = home-\nrefresh_before_expiry = 10m\n");
    write("proj/.awsume-shell.ini", "[settings]\nrefresh_before_expiry = 5m\n");
    write(".awsume-shell.ini", "refresh_before_expiry = 1m\n");  // farther away: ignored
    auto s = load_tool_settings(m_env, m_dir + "/proj/sub/deeper");
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_EQ(s->role_prefix, "home-");
    EXPECT_EQ(s->refresh_before_expiry, 300);
    EXPECT_EQ(s->sources, (std::vector<std::string>{m_dir + "/home/.awsume-shell/config.ini",
                                                    m_dir + "/proj/.awsume-shell.ini"}));
    EXPECT_EQ(find_project_settings(m_dir + "/proj"), m_dir + "/proj/.awsume-shell.ini");
}

TEST_F(ToolSettingsFiles, AwsumeShellHomeReplacesTheHomeFolder) {
    write("proj/config.ini", "role_prefix = from-env-home\n");
    m_env.set("AWSUME_SHELL_HOME", m_dir + "/proj");
    EXPECT_EQ(tool_home(m_env), m_dir + "/proj");
    auto s = load_tool_settings(m_env, "/");
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_EQ(s->role_prefix, "from-env-home");
}

TEST_F(ToolSettingsFiles, NoFilesGiveDefaults) {
    auto s = load_tool_settings(m_env, m_dir + "/home");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->refresh_before_expiry, 900);
    EXPECT_TRUE(s->sources.empty() || s->sources.back().find(m_dir) != 0);
}
