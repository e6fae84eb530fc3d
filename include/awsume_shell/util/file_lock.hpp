#pragma once
/// An exclusive advisory lock (flock) held for the lifetime of a FileLock. Used so that two
/// awsume-shell processes refreshing the same credentials ask AWS (and the user for an MFA
/// code) only once: the second waits, then re-reads the cache.

#include <functional>
#include <string>
#include <utility>

#include "awsume_shell/util/result.hpp"

namespace awsume_shell::util {

/// The error FileLock::acquire gives when another process held the lock too long (as
/// opposed to a lock file that cannot be opened at all).
constexpr const char* k_lock_timeout_prefix = "timed out waiting for lock ";
bool is_lock_timeout(const Error& error);

class FileLock {
public:
    /// Opens (creating 0600, never following a symlink) `path` and takes an exclusive lock,
    /// polling for up to `timeout_ms` (0: one try; negative: wait without limit). Failure:
    /// Errc::io "timed out waiting for lock FILE" or the open error. The lock file is left
    /// in place on release: deleting it would let two processes lock different inodes.
    static Result<FileLock> acquire(const std::string& path, long timeout_ms);

    FileLock(FileLock&& other) noexcept;
    FileLock& operator=(FileLock&& other) noexcept;
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;
    ~FileLock();

    /// Releases early; the destructor then does nothing.
    void release();
    bool held() const { return m_fd >= 0; }
    const std::string& path() const { return m_path; }

private:
    FileLock(int fd, std::string path) : m_fd(fd), m_path(std::move(path)) {}
    int m_fd = -1;
    std::string m_path;
};

/// `acquire(ms)` (a FileLock::acquire behind a caller's own path rules) for up to `quiet_ms`;
/// if the lock is still taken then, `on_long_wait()` once (say what is waited for: another
/// process asking for an MFA code, a sign-in in another window) and the rest of
/// `timeout_ms`. A short wait (another process's STS call) says nothing.
Result<FileLock> acquire_saying_long_waits(const std::function<Result<FileLock>(long timeout_ms)>& acquire,
                                           long quiet_ms, long timeout_ms, const std::function<void()>& on_long_wait);

}  // namespace awsume_shell::util
