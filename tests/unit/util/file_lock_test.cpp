#include "awsume_shell/util/file_lock.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "unit/cache/temp_dir.hpp"

using awsume_shell::testing::in_child;
using awsume_shell::testing::mode_of;
using awsume_shell::testing::TempDir;
using awsume_shell::util::FileLock;

TEST(FileLock, SecondHolderTimesOutWhileHeldAndSucceedsAfterRelease) {
    TempDir dir;
    const std::string path = dir.file("x.lock");
    auto lock = FileLock::acquire(path, 0);
    ASSERT_TRUE(lock) << lock.error().message;
    EXPECT_EQ(mode_of(path), 0600u);

    const int blocked = in_child([&] {
        const auto start = std::chrono::steady_clock::now();
        auto second = FileLock::acquire(path, 150);
        const auto waited = std::chrono::steady_clock::now() - start;
        if (second) {
            return 1;
        }
        if (second.error().message != "timed out waiting for lock " + path) {
            return 2;
        }
        return waited >= std::chrono::milliseconds(140) ? 0 : 3;
    });
    EXPECT_EQ(blocked, 0);

    lock->release();
    const int free = in_child([&] { return FileLock::acquire(path, 150) ? 0 : 1; });
    EXPECT_EQ(free, 0);
}

TEST(FileLock, WaiterGetsTheLockWhenTheHolderLetsGo) {
    TempDir dir;
    const std::string path = dir.file("y.lock");
    const int status = in_child([&] {
        auto held = FileLock::acquire(path, 0);
        if (!held) {
            return 10;
        }
        const pid_t pid = ::fork();
        if (pid == 0) {
            ::usleep(100 * 1000);
            ::_exit(0);  // the inherited descriptor closes here; the parent still holds it
        }
        ::waitpid(pid, nullptr, 0);
        return 0;
    });
    EXPECT_EQ(status, 0);
    auto lock = FileLock::acquire(path, 2000);
    EXPECT_TRUE(lock);
}

TEST(FileLock, MoveTransfersOwnership) {
    TempDir dir;
    auto lock = FileLock::acquire(dir.file("z.lock"), 0);
    ASSERT_TRUE(lock);
    FileLock moved = std::move(*lock);
    EXPECT_TRUE(moved.held());
    EXPECT_FALSE(lock->held());
    EXPECT_EQ(in_child([&] { return FileLock::acquire(dir.file("z.lock"), 0) ? 0 : 1; }), 1);
    moved.release();
    EXPECT_EQ(in_child([&] { return FileLock::acquire(dir.file("z.lock"), 0) ? 0 : 1; }), 0);
}

TEST(FileLock, RefusesASymlink) {
    TempDir dir;
    ASSERT_EQ(::symlink(dir.file("elsewhere").c_str(), dir.file("l.lock").c_str()), 0);
    EXPECT_FALSE(FileLock::acquire(dir.file("l.lock"), 0));
}
