#include "awsume_shell/util/file_trust.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit/cache/temp_dir.hpp"

using awsume_shell::Errc;
using awsume_shell::testing::mode_of;
using awsume_shell::testing::TempDir;
using awsume_shell::testing::write_text;
using awsume_shell::util::narrow_own_dir;
using awsume_shell::util::private_file_problem;
using awsume_shell::util::read_trusted_file;

TEST(FileTrust, ReadsAPrivateOrReadOnlyFile) {
    TempDir dir;
    const std::string path = dir.file("config.ini");
    write_text(path, "role_prefix = x\n");
    ::chmod(path.c_str(), 0644);
    auto text = read_trusted_file(path);
    ASSERT_TRUE(text);
    EXPECT_EQ(**text, "role_prefix = x\n");
    auto missing = read_trusted_file(dir.file("none"));
    ASSERT_TRUE(missing);
    EXPECT_FALSE(*missing);
}

TEST(FileTrust, RefusesAFileGroupOrOthersCanWrite) {
    TempDir dir;
    const std::string path = dir.file("config.ini");
    write_text(path, "x = 1\n");
    for (mode_t mode : {0666, 0620, 0602}) {
        ::chmod(path.c_str(), mode);
        auto text = read_trusted_file(path);
        ASSERT_FALSE(text) << std::oct << mode;
        EXPECT_EQ(text.error().code, Errc::config);
        EXPECT_NE(text.error().message.find(path + ": writable by group or others"), std::string::npos)
            << text.error().message;
    }
}

TEST(FileTrust, RefusesAFileOfAnotherUser) {
    if (::geteuid() != 0) {
        GTEST_SKIP() << "only root can give a file to another user";
    }
    TempDir dir;
    const std::string path = dir.file("config.ini");
    write_text(path, "x = 1\n");
    ASSERT_EQ(::chown(path.c_str(), 65534, 65534), 0);
    auto text = read_trusted_file(path);
    ASSERT_FALSE(text);
    EXPECT_NE(text.error().message.find("owned by uid 65534"), std::string::npos) << text.error().message;
}

TEST(FileTrust, RefusesADirectory) {
    TempDir dir;
    EXPECT_FALSE(read_trusted_file(dir.path()));
}

TEST(FileTrust, NarrowsOnlyOurOwnWideDirectory) {
    TempDir dir;
    const std::string home = dir.file("home");
    ASSERT_EQ(::mkdir(home.c_str(), 0700), 0);
    ::chmod(home.c_str(), 0777);
    narrow_own_dir(home);
    EXPECT_EQ(mode_of(home), 0700u);
    narrow_own_dir(dir.file("missing"));  // nothing to do, no error
    if (::geteuid() == 0) {
        ::chmod(home.c_str(), 0755);
        ASSERT_EQ(::chown(home.c_str(), 65534, 65534), 0);
        narrow_own_dir(home);
        EXPECT_EQ(mode_of(home), 0755u);
    }
}

TEST(PrivateFile, OnlyARegularFileOfOursWithoutGroupOrOtherBits) {
    TempDir dir;
    const std::string path = dir.file("entry.json");
    write_text(path, "{}");
    struct stat st {};
    for (const mode_t mode : {0600, 0400, 0700}) {
        ::chmod(path.c_str(), mode);
        ASSERT_EQ(::stat(path.c_str(), &st), 0);
        EXPECT_EQ(private_file_problem(st), "") << std::oct << mode;
    }
    for (const mode_t mode : {0604, 0640, 0601, 0610, 0644}) {
        ::chmod(path.c_str(), mode);
        ASSERT_EQ(::stat(path.c_str(), &st), 0);
        EXPECT_NE(private_file_problem(st).find("are wider than 0600; not trusted"), std::string::npos)
            << std::oct << mode;
    }
    ASSERT_EQ(::stat(dir.path().c_str(), &st), 0);
    EXPECT_EQ(private_file_problem(st), "not a regular file");
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    st.st_uid = ::geteuid() + 1;
    st.st_mode = S_IFREG | 0600;
    EXPECT_EQ(private_file_problem(st), "owned by another user; not trusted");
}
