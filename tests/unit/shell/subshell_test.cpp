#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "awsume_shell/shell/subshell.hpp"
#include "shell_test_support.hpp"

namespace awsume_shell::shell {
namespace {

namespace fs = std::filesystem;

/// A stand-in "bash" that records what it was given and ends as told, so that fork, exec,
/// wait, exit status and clean-up are tested without a terminal.
class RunSubshell : public ::testing::Test {
protected:
    void SetUp() override {
        m_tmp = testing::make_temp_dir();
        ASSERT_FALSE(m_tmp.empty());
        fs::create_directory(m_tmp + "/bin");
        fs::create_directory(m_tmp + "/rc");
        m_shell = m_tmp + "/bin/bash";
        m_env.set("HOME", m_tmp);
        m_env.set("TMPDIR", m_tmp + "/rc");
        m_env.set("SHELL", m_shell);
        m_env.set("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE");
        m_spec.profile = "prod";
        m_spec.self_path = "/usr/bin/awsume-shell";
        m_spec.session_state = R"({"profile":"prod","v":1})";
    }
    void TearDown() override { remove_rc_dir(m_tmp); }

    void fake_shell(const std::string& ending) {
        testing::write_file(m_shell, "#!/bin/sh\n"
                                     "echo \"$*\" > " + m_tmp + "/args\n"
                                     "echo \"$AWS_ACCESS_KEY_ID $AWSUME_SHELL_SESSION\" > " + m_tmp + "/env\n"
                                     "ls -ld \"$2\" \"$(dirname \"$2\")\" > " + m_tmp + "/ls\n" + ending + "\n");
        ::chmod(m_shell.c_str(), 0755);
    }

    std::string m_tmp;
    std::string m_shell;
    util::Env m_env;
    SubshellSpec m_spec;
};

TEST_F(RunSubshell, PassesTheExitStatusAndCleansUp) {
    fake_shell("exit 5");
    auto status = run_subshell(m_spec, m_env);
    ASSERT_TRUE(status) << status.error().message;
    EXPECT_EQ(*status, 5);
    std::string args = testing::read_file(m_tmp + "/args");
    EXPECT_EQ(args.rfind("--rcfile " + m_tmp + "/rc/awsume-shell.", 0), 0u) << args;
    EXPECT_NE(args.find("/bashrc -i"), std::string::npos);
    EXPECT_EQ(testing::read_file(m_tmp + "/env"), "ASIAEXAMPLE {\"profile\":\"prod\",\"v\":1}\n");
    EXPECT_NE(testing::read_file(m_tmp + "/ls").find("drwx------"), std::string::npos);
    EXPECT_TRUE(fs::is_empty(m_tmp + "/rc"));
}

TEST_F(RunSubshell, ASignalBecomes128PlusN) {
    fake_shell("kill -TERM $$");
    auto status = run_subshell(m_spec, m_env);
    ASSERT_TRUE(status);
    EXPECT_EQ(*status, 128 + 15);
    EXPECT_TRUE(fs::is_empty(m_tmp + "/rc"));
}

TEST_F(RunSubshell, UnsupportedShellStartsNothing) {
    m_env.set("SHELL", "/usr/bin/fish");
    auto status = run_subshell(m_spec, m_env);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, Errc::config);
    EXPECT_TRUE(fs::is_empty(m_tmp + "/rc"));
}

TEST_F(RunSubshell, MissingShellIs127) {
    m_env.set("SHELL", m_tmp + "/bin/nope/bash");
    auto status = run_subshell(m_spec, m_env);
    ASSERT_TRUE(status);
    EXPECT_EQ(*status, 127);
}

}  // namespace
}  // namespace awsume_shell::shell
