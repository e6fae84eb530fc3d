#include "awsume_shell/util/file_lock.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

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

TEST(FileLock, ALongWaitIsSaidOnceAfterTheQuietPartAndTheTotalIsKept) {
    using awsume_shell::util::acquire_saying_long_waits;
    TempDir dir;
    const std::string path = dir.file("y.lock");
    std::vector<long> asked;
    int busy_answers = 0;  // how many calls find the lock taken
    auto acquire = [&](long timeout_ms) -> awsume_shell::Result<FileLock> {
        asked.push_back(timeout_ms);
        if (busy_answers-- > 0) {
            return awsume_shell::make_error(awsume_shell::Errc::io,
                                            awsume_shell::util::k_lock_timeout_prefix + path);
        }
        return FileLock::acquire(path, 0);
    };
    int said = 0;
    auto say = [&] { ++said; };

    ASSERT_TRUE(acquire_saying_long_waits(acquire, 3000, 10000, say));  // free at once: nothing said
    EXPECT_EQ(asked, std::vector<long>{3000});
    EXPECT_EQ(said, 0);

    asked.clear();
    busy_answers = 1;  // taken for longer than the quiet part
    ASSERT_TRUE(acquire_saying_long_waits(acquire, 3000, 10000, say));
    EXPECT_EQ(asked, (std::vector<long>{3000, 7000}));
    EXPECT_EQ(said, 1);

    asked.clear();
    said = 0;
    busy_answers = 1;  // a total no longer than the quiet part: one wait, never said
    EXPECT_FALSE(acquire_saying_long_waits(acquire, 3000, 2000, say));
    EXPECT_EQ(asked, std::vector<long>{2000});
    EXPECT_EQ(said, 0);
}
