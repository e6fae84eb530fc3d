#include "awsume_shell/output/exec.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "unit/cache/temp_dir.hpp"

using awsume_shell::output::exec_command;
using awsume_shell::testing::in_child;
using awsume_shell::testing::TempDir;
using awsume_shell::testing::write_text;

namespace {

awsume_shell::util::Env env_with_path(const std::string& path) {
    awsume_shell::util::Env env;
    env.set("PATH", path);
    return env;
}

/// exec_command in a child with stderr sent to `err_file`; its exit status.
int exec_in_child(const std::vector<std::string>& argv, const awsume_shell::util::Env& env,
                  const std::string& err_file) {
    return in_child([&] {
        const int fd = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(fd, 2);
        return exec_command(argv, env);
    });
}

}  // namespace

TEST(ExecCommand, RunsFromTheGivenPathWithTheGivenEnvironment) {
    TempDir tmp;
    write_text(tmp.file("tool"), "#!/bin/sh\nprintf %s \"$GREETING:$1\" > \"$OUT\"\nexit 7\n");
    ::chmod(tmp.file("tool").c_str(), 0755);
    auto env = env_with_path("/nonexistent:" + tmp.path());
    env.set("GREETING", "hi");
    env.set("OUT", tmp.file("out"));
    EXPECT_EQ(exec_in_child({"tool", "arg"}, env, tmp.file("err")), 7);
    EXPECT_EQ(awsume_shell::testing::read_text(tmp.file("out")), "hi:arg");
}

TEST(ExecCommand, ScriptWithoutShebangRunsThroughSh) {
    TempDir tmp;
    write_text(tmp.file("noshebang"), "exit 5\n");
    ::chmod(tmp.file("noshebang").c_str(), 0755);
    EXPECT_EQ(exec_in_child({"noshebang"}, env_with_path(tmp.path()), tmp.file("err")), 5);
}

TEST(ExecCommand, NotFoundIs127) {
    TempDir tmp;
    EXPECT_EQ(exec_in_child({"no-such-command-xyz"}, env_with_path(tmp.path()), tmp.file("err")), 127);
    EXPECT_EQ(awsume_shell::testing::read_text(tmp.file("err")),
              "awsume-shell: no-such-command-xyz: command not found\n");
    EXPECT_EQ(exec_in_child({tmp.file("missing")}, env_with_path("/bin"), tmp.file("err")), 127);
}

TEST(ExecCommand, OurPathIsNotUsed) {
    TempDir tmp;  // "sh" exists in our PATH but not in the given one
    EXPECT_EQ(exec_in_child({"sh", "-c", "exit 0"}, env_with_path(tmp.path()), tmp.file("err")), 127);
}

TEST(ExecCommand, NotExecutableIs126) {
    TempDir tmp;
    write_text(tmp.file("data"), "exit 0\n");
    ::chmod(tmp.file("data").c_str(), 0644);
    EXPECT_EQ(exec_in_child({tmp.file("data")}, env_with_path("/bin"), tmp.file("err")), 126);
    EXPECT_NE(awsume_shell::testing::read_text(tmp.file("err")).find("Permission denied"),
              std::string::npos);
    EXPECT_EQ(exec_in_child({"data"}, env_with_path(tmp.path()), tmp.file("err")), 126);
    EXPECT_EQ(exec_in_child({tmp.path()}, env_with_path("/bin"), tmp.file("err")), 126);  // a directory
}
