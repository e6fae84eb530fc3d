#include "awsume_shell/util/atomic_file.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <csignal>
#include <filesystem>

#include "unit/cache/temp_dir.hpp"

using awsume_shell::testing::in_child;
using awsume_shell::testing::mode_of;
using awsume_shell::testing::read_text;
using awsume_shell::testing::TempDir;
using awsume_shell::testing::write_text;
using awsume_shell::util::make_private_dir;
using awsume_shell::util::write_file_atomically;

namespace {

int entries_in(const std::string& dir) {
    int n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) {
        ++n;
    }
    return n;
}

class UmaskGuard {
public:
    explicit UmaskGuard(mode_t m) : m_old(::umask(m)) {}
    ~UmaskGuard() { ::umask(m_old); }

private:
    mode_t m_old;
};

}  // namespace

TEST(AtomicFile, WritesContentWithExactModeWhateverTheUmask) {
    TempDir dir;
    UmaskGuard guard(0);
    const std::string path = dir.file("creds");
    ASSERT_TRUE(write_file_atomically(path, "secret\n", 0600));
    EXPECT_EQ(read_text(path), "secret\n");
    EXPECT_EQ(mode_of(path), 0600u);
    EXPECT_EQ(entries_in(dir.path()), 1);  // no temp left behind
}

TEST(AtomicFile, ModeIsNotNarrowedOrWidenedByTheUmask) {
    TempDir dir;
    UmaskGuard guard(0077);
    ASSERT_TRUE(write_file_atomically(dir.file("config"), "x", 0644));
    EXPECT_EQ(mode_of(dir.file("config")), 0644u);
}

TEST(AtomicFile, ReplacesExistingFileAndItsMode) {
    TempDir dir;
    const std::string path = dir.file("f");
    write_text(path, "old content that is longer");
    ::chmod(path.c_str(), 0666);
    ASSERT_TRUE(write_file_atomically(path, "new", 0600));
    EXPECT_EQ(read_text(path), "new");
    EXPECT_EQ(mode_of(path), 0600u);
}

TEST(AtomicFile, ReplacesASymlinkInsteadOfFollowingIt) {
    TempDir dir;
    const std::string victim = dir.file("victim");
    write_text(victim, "keep me");
    ASSERT_EQ(::symlink(victim.c_str(), dir.file("link").c_str()), 0);
    ASSERT_TRUE(write_file_atomically(dir.file("link"), "new", 0600));
    EXPECT_EQ(read_text(victim), "keep me");
    EXPECT_TRUE(std::filesystem::is_regular_file(std::filesystem::symlink_status(dir.file("link"))));
    EXPECT_EQ(read_text(dir.file("link")), "new");
}

TEST(AtomicFile, FailsWithoutTouchingAnythingWhenTheDirectoryIsMissing) {
    TempDir dir;
    auto result = write_file_atomically(dir.file("missing/f"), "x", 0600);
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().message.find("missing/f"), std::string::npos);
    EXPECT_EQ(entries_in(dir.path()), 0);
}

TEST(AtomicFile, FailedRenameLeavesTargetAndNoTemp) {
    TempDir dir;
    const std::string target = dir.file("target");
    std::filesystem::create_directory(target);
    write_text(target + "/inside", "kept");
    ASSERT_FALSE(write_file_atomically(target, "x", 0600));
    EXPECT_EQ(read_text(target + "/inside"), "kept");
    EXPECT_EQ(entries_in(dir.path()), 1);
}

TEST(AtomicFile, FailedWriteLeavesTargetAndNoTemp) {
    TempDir dir;
    const std::string path = dir.file("f");
    write_text(path, "old");
    // A file size limit makes write() fail with EFBIG part way (works even as root, where a
    // read-only directory would not stop us).
    const int status = in_child([&] {
        ::signal(SIGXFSZ, SIG_IGN);
        rlimit limit{10, 10};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        return write_file_atomically(path, std::string(100000, 'x'), 0600) ? 0 : 1;
    });
    EXPECT_EQ(status, 1);
    EXPECT_EQ(read_text(path), "old");
    EXPECT_EQ(entries_in(dir.path()), 1);
}

TEST(AtomicFile, ReadOnlyDirectoryFailsCleanlyWhenNotRoot) {
    if (::geteuid() == 0) {
        GTEST_SKIP() << "root ignores directory permissions";
    }
    TempDir dir;
    const std::string sub = dir.file("ro");
    ASSERT_TRUE(make_private_dir(sub));
    write_text(sub + "/f", "old");
    ::chmod(sub.c_str(), 0500);
    EXPECT_FALSE(write_file_atomically(sub + "/f", "new", 0600));
    EXPECT_EQ(read_text(sub + "/f"), "old");
    ::chmod(sub.c_str(), 0700);
}

TEST(MakePrivateDir, CreatesParentsPrivately) {
    TempDir dir;
    UmaskGuard guard(0);
    const std::string deep = dir.file("a/b/c");
    ASSERT_TRUE(make_private_dir(deep));
    EXPECT_EQ(mode_of(dir.file("a")), 0700u);
    EXPECT_EQ(mode_of(dir.file("a/b")), 0700u);
    EXPECT_EQ(mode_of(deep), 0700u);
    EXPECT_TRUE(make_private_dir(deep));  // idempotent
}

TEST(MakePrivateDir, NarrowsOnlyTheLastExistingDirectory) {
    TempDir dir;
    std::filesystem::create_directories(dir.file("p/q"));
    ::chmod(dir.file("p").c_str(), 0755);
    ::chmod(dir.file("p/q").c_str(), 0777);
    ASSERT_TRUE(make_private_dir(dir.file("p/q")));
    EXPECT_EQ(mode_of(dir.file("p")), 0755u);
    EXPECT_EQ(mode_of(dir.file("p/q")), 0700u);
}

TEST(MakePrivateDir, RefusesAFile) {
    TempDir dir;
    write_text(dir.file("file"), "");
    EXPECT_FALSE(make_private_dir(dir.file("file")));
    EXPECT_FALSE(make_private_dir(dir.file("file/sub")));
}
