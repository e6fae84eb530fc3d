// Temp files of write_file_atomically: private while they are temps, and removed when a
// killed writer left them (issue 8, item 4).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sys/wait.h>
#include <utime.h>

#include <filesystem>

#include "awsume_shell/util/atomic_file.hpp"
#include "unit/cache/temp_dir.hpp"

using awsume_shell::testing::TempDir;
using awsume_shell::testing::write_text;
using awsume_shell::util::write_file_atomically;

namespace {

bool exists(const std::string& path) { return std::filesystem::exists(std::filesystem::symlink_status(path)); }

void make_old(const std::string& path) {
    const utimbuf old{::time(nullptr) - 3600, ::time(nullptr) - 3600};
    ::utime(path.c_str(), &old);
}

/// A pid that is not running: a child that has exited and been reaped.
pid_t gone_pid() {
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return pid;
}

}  // namespace

TEST(AtomicFileLeftovers, RemovesOldOnesAndThoseOfAGoneWriter) {
    TempDir dir;
    const std::string old_style = dir.file(".credentials.tmp-AbC123");
    const std::string gone = dir.file(".credentials.tmp-" + std::to_string(gone_pid()) + "-XyZ789");
    const std::string live = dir.file(".credentials.tmp-" + std::to_string(::getpid()) + "-LiVe00");
    const std::string fresh_old_style = dir.file(".credentials.tmp-FrEsH1");
    const std::string other_file = dir.file(".config.tmp-AbC123");
    for (const auto& p : {old_style, gone, live, fresh_old_style, other_file}) {
        write_text(p, "secret");
    }
    make_old(old_style);
    make_old(other_file);
    ASSERT_TRUE(write_file_atomically(dir.file("credentials"), "new", 0600));
    EXPECT_FALSE(exists(old_style));
    EXPECT_FALSE(exists(gone));
    EXPECT_TRUE(exists(live));             // a writer still at work
    EXPECT_TRUE(exists(fresh_old_style));  // too young to judge
    EXPECT_TRUE(exists(other_file));       // another file's
}

TEST(AtomicFileLeftovers, LeavesSymlinksAndFoldersAlone) {
    TempDir dir;
    const std::string link = dir.file(".credentials.tmp-1-AbCdEf");
    ASSERT_EQ(::symlink("/etc/passwd", link.c_str()), 0);
    const std::string folder = dir.file(".credentials.tmp-2-AbCdEf");
    ASSERT_EQ(::mkdir(folder.c_str(), 0700), 0);
    ASSERT_TRUE(write_file_atomically(dir.file("credentials"), "new", 0600));
    EXPECT_TRUE(exists(link));
    EXPECT_TRUE(exists(folder));
}
