#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "awsume_shell/shell/subshell.hpp"
#include "shell_test_support.hpp"

namespace awsume_shell::shell {
namespace {

namespace fs = std::filesystem;

const ShellFlavour& bash_row() { return *find_shell_flavour("bash"); }
const ShellFlavour& zsh_row() { return *find_shell_flavour("zsh"); }

class RcBuilder : public ::testing::Test {
protected:
    void SetUp() override {
        m_tmp = testing::make_temp_dir();
        ASSERT_FALSE(m_tmp.empty());
        m_env.set("HOME", m_tmp);
        m_env.set("TMPDIR", m_tmp);
        m_env.set("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY");
        m_env.set("AWS_SESSION_TOKEN", "FwoGZXIvYXdzEXAMPLETOKEN");
        m_spec.profile = "prod";
        m_spec.expires = 2000000000;
        m_spec.self_path = "/opt/awsume shell/bin/awsume-shell";
        m_spec.wrap_commands = {"aws", "terraform"};
        m_spec.session_state = R"({"profile":"prod","v":1})";
        m_spec.colour = true;
    }
    void TearDown() override { remove_rc_dir(m_tmp); }

    std::string m_tmp;
    util::Env m_env;
    SubshellSpec m_spec;
};

TEST(DetectShell, BashAndZshOnly) {
    util::Env env;
    env.set("SHELL", "/usr/local/bin/bash");
    auto bash = detect_shell(env);
    ASSERT_TRUE(bash);
    EXPECT_EQ(&bash->kind.get(), find_shell_flavour("bash"));
    EXPECT_EQ(bash->path, "/usr/local/bin/bash");
    env.set("SHELL", "/bin/zsh");
    EXPECT_EQ(&detect_shell(env)->kind.get(), find_shell_flavour("zsh"));
    env.set("SHELL", "/usr/bin/fish");
    auto fish = detect_shell(env);
    ASSERT_FALSE(fish);
    EXPECT_EQ(fish.error().code, Errc::config);
    EXPECT_EQ(fish.error().message,
              "unsupported shell 'fish' ($SHELL=/usr/bin/fish); supported: bash, zsh");
}

TEST(PromptPrefixText, SubstitutesAndDefangs) {
    EXPECT_EQ(prompt_prefix_text("({profile} {left})", "prod"), "(prod {left})");
    EXPECT_EQ(prompt_prefix_text("[{profile}] ", "a$b`c\\d%e\x1b"), "[a_b_c_d_e_] ");
}

TEST_F(RcBuilder, BashFolderIsPrivateAndHoldsNoSecret) {
    auto dir = build_rc_dir(m_spec, bash_row(), m_env);
    ASSERT_TRUE(dir) << dir.error().message;
    EXPECT_EQ(fs::path(*dir).parent_path(), fs::path(m_tmp));
    struct stat st {};
    ASSERT_EQ(::stat(dir->c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700u);
    ASSERT_EQ(::stat((*dir + "/bashrc").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    std::string rc = testing::read_file(*dir + "/bashrc");
    EXPECT_EQ(rc.find("EXAMPLEKEY"), std::string::npos);
    EXPECT_EQ(rc.find("EXAMPLETOKEN"), std::string::npos);
    EXPECT_NE(rc.find("_awsume_shell_self='/opt/awsume shell/bin/awsume-shell'"), std::string::npos);
    EXPECT_NE(rc.find("for _awsume_shell_c in aws terraform; do"), std::string::npos);
    EXPECT_NE(rc.find("_awsume_shell_format='(prod {left})'"), std::string::npos);
    int status = 0;
    testing::run_command("bash -n " + *dir + "/bashrc", &status);
    EXPECT_EQ(status, 0);
    remove_rc_dir(*dir);
    EXPECT_FALSE(fs::exists(*dir));
}

TEST_F(RcBuilder, ZshFolderHasTheShims) {
    m_env.set("ZDOTDIR", m_tmp + "/zdot");
    auto dir = build_rc_dir(m_spec, zsh_row(), m_env);
    ASSERT_TRUE(dir) << dir.error().message;
    for (const char* file : {".zshenv", ".zprofile", ".zshrc"}) {
        std::string text = testing::read_file(*dir + "/" + file);
        EXPECT_NE(text.find(m_tmp + "/zdot"), std::string::npos) << file;
        EXPECT_EQ(text.find("EXAMPLEKEY"), std::string::npos) << file;
    }
    EXPECT_NE(testing::read_file(*dir + "/.zshenv").find("\"$ZDOTDIR\"/.zshenv"), std::string::npos);
    EXPECT_NE(testing::read_file(*dir + "/.zshenv").find("ZDOTDIR=" + *dir), std::string::npos);
    EXPECT_NE(testing::read_file(*dir + "/.zshrc").find("|| 1 == 1 ]]"), std::string::npos);
    if (!testing::run_command("command -v zsh").empty()) {
        int status = 0;
        testing::run_command("zsh -n " + *dir + "/.zshrc", &status);
        EXPECT_EQ(status, 0);
    }
}

/// Both shells' hooks come from one shared part: each must still hand $? on, and zsh's must
/// run with zsh's own options (a user's KSH_ARRAYS or WARN_CREATE_GLOBAL neither breaks
/// nor warns) and give the user's back.
TEST_F(RcBuilder, HooksKeepTheStatusAndTheUsersOptions) {
    m_spec.colour = false;
    for (const char* shell : {"bash", "zsh"}) {
        if (testing::run_command(std::string("command -v ") + shell).empty()) {
            continue;
        }
        bool zsh = std::string(shell) == "zsh";
        auto dir = build_rc_dir(m_spec, *find_shell_flavour(shell), m_env);
        ASSERT_TRUE(dir) << dir.error().message;
        std::string script = std::string(zsh ? "setopt warn_create_global ksh_arrays sh_word_split; " : "") +
                             ". " + *dir + (zsh ? "/.zshrc" : "/bashrc") +
                             "; AWSUME_SHELL_EXPIRES=$(( EPOCHSECONDS + 4000 )); PS1='$ '"
                             "; false; _awsume_shell_update; echo rc=$?; false; _awsume_shell_apply; echo rc=$?"
                             "; echo \"$AWSUME_SHELL_TIME_LEFT $AWSUME_SHELL_PROMPT_LEVEL [$PS1]\"";
        if (zsh) {
            script += "; [[ -o ksharrays && -o warncreateglobal && -o shwordsplit ]] && echo kept";
        }
        testing::write_file(m_tmp + "/probe", script);
        std::string out = testing::run_command(std::string(zsh ? "zsh -f " : "bash --norc ") + m_tmp + "/probe 2>&1");
        EXPECT_EQ(out, std::string("rc=1\nrc=1\n1h06m ok [(prod 1h06m) $ ]\n") + (zsh ? "kept\n" : ""))
            << shell;
        remove_rc_dir(*dir);
    }
}

TEST_F(RcBuilder, BadWrapCommandIsAConfigErrorAndLeavesNothing) {
    m_spec.wrap_commands = {"aws", "rm -rf"};
    auto dir = build_rc_dir(m_spec, bash_row(), m_env);
    ASSERT_FALSE(dir);
    EXPECT_EQ(dir.error().code, Errc::config);
    EXPECT_EQ(dir.error().message, "wrap_commands: 'rm -rf' is not a command name");
    EXPECT_TRUE(fs::is_empty(m_tmp));
}

TEST_F(RcBuilder, EmptyPromptFormatMeansNoPrefix) {
    m_spec.prompt_format = "";
    auto dir = build_rc_dir(m_spec, bash_row(), m_env);
    ASSERT_TRUE(dir);
    std::string rc = testing::read_file(*dir + "/bashrc");
    EXPECT_NE(rc.find("_awsume_shell_format=''"), std::string::npos);
    EXPECT_NE(rc.find("_awsume_shell_text='(prod {left})'"), std::string::npos);
}

TEST_F(RcBuilder, LaunchLine) {
    ShellLaunch bash = shell_launch({bash_row(), "/bin/bash"}, "/tmp/x", m_spec, m_env);
    EXPECT_EQ(bash.argv, (std::vector<std::string>{"/bin/bash", "--rcfile", "/tmp/x/bashrc", "-i"}));
    EXPECT_EQ(bash.env.get("AWSUME_SHELL_SESSION"), m_spec.session_state);
    EXPECT_FALSE(bash.env.has("ZDOTDIR"));
    ShellLaunch zsh = shell_launch({zsh_row(), "/bin/zsh"}, "/tmp/x", m_spec, m_env);
    EXPECT_EQ(zsh.argv, (std::vector<std::string>{"/bin/zsh", "-i"}));
    EXPECT_EQ(zsh.env.get("ZDOTDIR"), "/tmp/x");
}

}  // namespace
}  // namespace awsume_shell::shell
