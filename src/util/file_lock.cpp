#include "awsume_shell/util/file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

namespace awsume_shell::util {

bool is_lock_timeout(const Error& error) {
    return error.message.rfind(k_lock_timeout_prefix, 0) == 0;
}

Result<FileLock> FileLock::acquire(const std::string& path, long timeout_ms) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        return make_error(Errc::io,
                          "cannot open lock file " + path + ": " + std::strerror(errno));
    }
    if (timeout_ms < 0) {
        while (::flock(fd, LOCK_EX) != 0) {
            if (errno != EINTR) {
                const int err = errno;
                ::close(fd);
                return make_error(Errc::io, "cannot lock " + path + ": " + std::strerror(err));
            }
        }
        return FileLock(fd, path);
    }
    // Polling instead of SIGALRM: no signal handler state to disturb in the caller.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    auto pause = std::chrono::milliseconds(2);
    while (true) {
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            return FileLock(fd, path);
        }
        if (errno != EWOULDBLOCK && errno != EINTR) {
            const int err = errno;
            ::close(fd);
            return make_error(Errc::io, "cannot lock " + path + ": " + std::strerror(err));
        }
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline) {
            ::close(fd);
            return make_error(Errc::io, k_lock_timeout_prefix + path);
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
        std::this_thread::sleep_for(std::min(pause, left + std::chrono::milliseconds(1)));
        pause = std::min(pause * 2, std::chrono::milliseconds(50));
    }
}

FileLock::FileLock(FileLock&& other) noexcept
    : m_fd(other.m_fd), m_path(std::move(other.m_path)) {
    other.m_fd = -1;
}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
    if (this != &other) {
        release();
        m_fd = other.m_fd;
        m_path = std::move(other.m_path);
        other.m_fd = -1;
    }
    return *this;
}

FileLock::~FileLock() { release(); }

void FileLock::release() {
    if (m_fd >= 0) {
        ::close(m_fd);  // closing the only descriptor drops the flock
        m_fd = -1;
    }
}

Result<FileLock> acquire_saying_long_waits(const std::function<Result<FileLock>(long timeout_ms)>& acquire,
                                           long quiet_ms, long timeout_ms, const std::function<void()>& on_long_wait) {
    auto lock = acquire(std::min(quiet_ms, timeout_ms));
    if (lock || !is_lock_timeout(lock.error()) || timeout_ms <= quiet_ms) {
        return lock;
    }
    on_long_wait();
    return acquire(timeout_ms - quiet_ms);
}

}  // namespace awsume_shell::util
