#include "awsume_shell/util/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "awsume_shell/util/duration.hpp"
#include "awsume_shell/util/io.hpp"

namespace awsume_shell::util {

namespace {

constexpr long k_term_grace_ms = 2000;  // between SIGTERM and SIGKILL
constexpr int k_poll_slice_ms = 50;     // without a pidfd: how often to look at the child

long now_ms() {
    struct timespec ts {};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<long>(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000;
}

/// A helper may talk to the user on the terminal (a prompt, a "touch your key"), which it
/// can only do from the terminal's foreground process group. When that group is ours, the
/// helper stays in it: the terminal is never handed over, since that would put the rest of
/// our job in the background (`exec ... | less` would stop on SIGTTOU), and a timeout ends
/// the helper alone. Otherwise (no terminal, or we run in the background) it gets a group
/// of its own, so that a timeout ends it together with what it started.
bool terminal_is_ours() {
    const int fd = ::open("/dev/tty", O_RDONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    const bool ours = ::tcgetpgrp(fd) == ::getpgrp();
    ::close(fd);
    return ours;
}

struct Child {
    pid_t pid = -1;
    bool own_group = false;  // its pid is also its process group's id
    int pidfd = -1;          // -1 where pidfd_open is missing (kernels before 5.3)
    bool reaped = false;
    int status = 0;

    /// Reaps it if it has exited; never blocks.
    bool exited() {
        while (!reaped) {
            int got = 0;
            const pid_t r = ::waitpid(pid, &got, WNOHANG);
            if (r == pid) {
                reaped = true;
                status = got;
            } else if (r < 0 && errno == EINTR) {
                continue;
            }
            break;
        }
        return reaped;
    }
    /// True once it has exited, leaving it unreaped: a zombie leader keeps its group's id
    /// reserved, so that the group can still be signalled without reaching a stranger.
    bool has_exited() const {
        siginfo_t info {};
        return ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
               info.si_pid == pid;
    }
    void signal(int sig) const { ::kill(own_group ? -pid : pid, sig); }
    /// Waits up to ms for it to exit, without reaping it.
    bool wait_exit(long ms) const {
        const long until = now_ms() + ms;
        while (!has_exited()) {
            const long left = until - now_ms();
            if (left <= 0) {
                return false;
            }
            if (pidfd >= 0) {
                struct pollfd p {pidfd, POLLIN, 0};
                ::poll(&p, 1, static_cast<int>(left));
            } else {
                ::usleep(static_cast<useconds_t>(std::min<long>(left, k_poll_slice_ms)) * 1000);
            }
        }
        return true;
    }
    /// TERM, a grace period, then KILL to it (and its group: what it started goes with it)
    /// before it is reaped.
    void end() {
        signal(SIGTERM);
        signal(SIGCONT);  // a stopped helper only sees the TERM once continued
        wait_exit(k_term_grace_ms);
        signal(SIGKILL);
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        reaped = true;
    }
};

enum class Read { more, eof, full };

/// Reads what is there without blocking.
Read drain(int fd, std::string& out, std::size_t limit) {
    char buffer[16384];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n > 0) {
            out.append(buffer, static_cast<std::size_t>(n));
            if (out.size() > limit) {
                return Read::full;
            }
            continue;
        }
        if (n == 0) {
            return Read::eof;
        }
        if (errno == EINTR) {
            continue;
        }
        return Read::more;  // EAGAIN (or an error: nothing more to get)
    }
}

std::string size_text(std::size_t bytes) {
    return bytes % (1024 * 1024) == 0 ? std::to_string(bytes / (1024 * 1024)) + " MiB"
                                      : std::to_string(bytes) + " bytes";
}

}  // namespace

Result<ProcessOutput> run_shell_command(const std::string& command, const Env& env,
                                        const ProcessOptions& options) {
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
        return make_error(Errc::io, options.what + ": cannot create a pipe: " + std::strerror(errno));
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    if (!options.inherit_stdin) {
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    }
    Child child;
    child.own_group = !terminal_is_ours();
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    if (child.own_group) {
        posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
        posix_spawnattr_setpgroup(&attr, 0);
    }

    std::vector<std::string> env_strings = env.to_strings();
    std::vector<char*> envp = c_string_array(env_strings);
    std::string sh = "/bin/sh";
    std::string dash_c = "-c";
    std::string cmd = command;
    char* argv[] = {sh.data(), dash_c.data(), cmd.data(), nullptr};

    int rc = posix_spawn(&child.pid, "/bin/sh", &actions, &attr, argv, envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    ::close(pipe_fds[1]);
    if (rc != 0) {
        ::close(pipe_fds[0]);
        return make_error(Errc::io, options.what + ": cannot start /bin/sh: " + std::strerror(rc));
    }
    child.pidfd = static_cast<int>(::syscall(SYS_pidfd_open, child.pid, 0));
    const int out_fd = pipe_fds[0];
    ::fcntl(out_fd, F_SETFL, ::fcntl(out_fd, F_GETFL) | O_NONBLOCK);

    ProcessOutput output;
    bool pipe_open = true;
    bool too_much = false;
    const long deadline = now_ms() + options.timeout_seconds * 1000;
    for (;;) {
        if (pipe_open) {
            const Read got = drain(out_fd, output.out, options.max_output);
            too_much = got == Read::full;
            pipe_open = got == Read::more;
        }
        // Exited: what it printed is all we take, even if a child of its own still holds
        // the pipe open.
        if (too_much || child.exited()) {
            break;
        }
        const long left = deadline - now_ms();
        if (left <= 0) {
            break;
        }
        struct pollfd fds[2];
        nfds_t n = 0;
        if (pipe_open) {
            fds[n++] = {out_fd, POLLIN, 0};
        }
        if (child.pidfd >= 0) {
            fds[n++] = {child.pidfd, POLLIN, 0};
        }
        const long slice = child.pidfd >= 0 ? left : std::min<long>(left, k_poll_slice_ms);
        ::poll(fds, n, static_cast<int>(std::min<long>(slice, 60'000)));
    }
    if (child.reaped && pipe_open && !too_much) {
        too_much = drain(out_fd, output.out, options.max_output) == Read::full;
    }
    ::close(out_fd);

    std::optional<std::string> failure;
    if (too_much) {
        failure = options.what + " printed more than " + size_text(options.max_output) + ": ended it";
    } else if (!child.reaped) {
        failure = options.what + " was still running after " + format_duration(options.timeout_seconds) +
                  " (process_timeout): ended it";
    }
    if (!child.reaped) {
        child.end();
    }
    if (child.pidfd >= 0) {
        ::close(child.pidfd);
    }
    if (failure) {
        return make_error(Errc::io, *failure);
    }
    output.exit_status = WIFEXITED(child.status) ? WEXITSTATUS(child.status) : 128 + WTERMSIG(child.status);
    return output;
}

}  // namespace awsume_shell::util
