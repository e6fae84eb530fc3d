#include "awsume_shell/util/process_companion.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace awsume_shell::util {

namespace {

void null_stdio(bool keep_stderr) noexcept {
    const int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null < 0) {
        return;
    }
    ::dup2(null, STDIN_FILENO);
    ::dup2(null, STDOUT_FILENO);
    if (!keep_stderr) {
        ::dup2(null, STDERR_FILENO);
    }
    if (null > STDERR_FILENO) {
        ::close(null);
    }
}

/// The parent-death signal, and the check that the parent had not already gone before it
/// was set (then nobody would ever send it).
bool die_with(pid_t parent) noexcept {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    return ::getppid() == parent;
}

template <typename Body>
[[noreturn]] void run_child(Body&& body) noexcept {
    int status = 1;
    try {
        status = body();
    } catch (...) {
        status = 1;  // never the exception's text: it may quote what it was parsing
    }
    std::fflush(nullptr);
    ::_exit(status);
}

}  // namespace

Result<long> start_companion(const std::function<int()>& body, bool keep_stderr, const std::string& what) {
    std::fflush(nullptr);
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        return make_error(Errc::io, what + ": fork: " + std::strerror(errno));
    }
    if (pid > 0) {
        return static_cast<long>(pid);
    }
    ::setsid();
    if (!die_with(parent)) {
        ::_exit(0);
    }
    null_stdio(keep_stderr);
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGPIPE, &ignore, nullptr);
    run_child(body);
}

void stop_companion(long pid, int grace_ms) noexcept {
    if (pid <= 0) {
        return;
    }
    ::kill(static_cast<pid_t>(pid), SIGTERM);
    for (int waited = 0;; waited += 10) {
        const pid_t done = ::waitpid(static_cast<pid_t>(pid), nullptr, WNOHANG);
        if (done != 0 && !(done < 0 && errno == EINTR)) {
            return;  // reaped, or not ours to reap
        }
        if (waited >= grace_ms) {
            ::kill(static_cast<pid_t>(pid), SIGKILL);
            while (::waitpid(static_cast<pid_t>(pid), nullptr, 0) < 0 && errno == EINTR) {
            }
            return;
        }
        ::usleep(10 * 1000);
    }
}

int watch_parent(long parent) noexcept {
    const int fd = static_cast<int>(::syscall(SYS_pidfd_open, static_cast<pid_t>(parent), 0));
    if (fd < 0) {
        return -1;
    }
    ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    if (::getppid() != static_cast<pid_t>(parent)) {  // it ended before the pidfd was open
        ::close(fd);
        return -1;
    }
    return fd;
}

Result<Worker> start_worker(const std::function<int(int)>& body) {
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
        return make_error(Errc::io, std::string("cannot start a renewal: pipe: ") + std::strerror(errno));
    }
    std::fflush(nullptr);
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        const int err = errno;
        ::close(pipe_fds[0]);
        ::close(pipe_fds[1]);
        return make_error(Errc::io, std::string("cannot start a renewal: fork: ") + std::strerror(err));
    }
    if (pid == 0) {
        ::close(pipe_fds[0]);
        if (!die_with(parent)) {
            ::_exit(1);
        }
        // The server blocks its signals into a signalfd and ignores SIGPIPE; what the
        // worker runs (a credential_process, an mfa_process) starts as any program would.
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        struct sigaction standard {};
        standard.sa_handler = SIG_DFL;
        for (int sig : {SIGPIPE, SIGTERM, SIGHUP, SIGINT, SIGUSR1, SIGCHLD}) {
            ::sigaction(sig, &standard, nullptr);
        }
        null_stdio(true);
        const int out = pipe_fds[1];
        run_child([&] { return body(out); });
    }
    ::close(pipe_fds[1]);
    ::fcntl(pipe_fds[0], F_SETFL, ::fcntl(pipe_fds[0], F_GETFL) | O_NONBLOCK);
    return Worker{static_cast<long>(pid), pipe_fds[0]};
}

void end_worker(const Worker& worker, bool kill_first) noexcept {
    if (worker.out >= 0) {
        ::close(worker.out);
    }
    if (worker.pid <= 0) {
        return;
    }
    if (kill_first) {
        ::kill(static_cast<pid_t>(worker.pid), SIGKILL);
    }
    while (::waitpid(static_cast<pid_t>(worker.pid), nullptr, 0) < 0 && errno == EINTR) {
    }
}

}  // namespace awsume_shell::util
