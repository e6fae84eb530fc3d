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
/// can only read from the terminal's foreground process group. It always runs in a group
/// of its own, so that a timeout ends it together with what it started; when that
/// foreground group is ours, the helper's group gets the terminal while it runs, as a shell
/// gives it to a job. The terminal, opened, when ours; else -1.
int owned_terminal() {
    const int fd = ::open("/dev/tty", O_RDONLY | O_NOCTTY | O_CLOEXEC);
    if (fd >= 0 && ::tcgetpgrp(fd) != ::getpgrp()) {
        ::close(fd);
        return -1;
    }
    return fd;
}

/// From a background group tcsetpgrp raises SIGTTOU: held back for the call, as shells do.
void hand_terminal(int tty, pid_t group) {
    sigset_t ttou, old;
    sigemptyset(&ttou);
    sigaddset(&ttou, SIGTTOU);
    ::sigprocmask(SIG_BLOCK, &ttou, &old);
    ::tcsetpgrp(tty, group);
    ::sigprocmask(SIG_SETMASK, &old, nullptr);
}

struct Child {
    pid_t pid = -1;  // also its process group
    int tty = -1;    // the terminal it was given, -1: none
    int pidfd = -1;  // -1 where pidfd_open is missing (kernels before 5.3)
    bool reaped = false;
    int status = 0;

    /// Reaps it if it has exited; never blocks.
    bool exited() {
        while (!reaped) {
            int got = 0;
            const pid_t r = ::waitpid(pid, &got, WNOHANG | (tty >= 0 ? WUNTRACED : 0));
            if (r != pid) {
                break;
            }
            if (WIFSTOPPED(got)) {
                stopped(WSTOPSIG(got));
                continue;
            }
            reaped = true;
            status = got;
        }
        return reaped;
    }
    /// Ctrl-Z at its prompt stopped it: our group stops as it would have, had the helper
    /// been in it (the shell that started us takes the terminal back), and when we are
    /// continued so is the helper, with the terminal if it is ours again.
    void stopped(int sig) const {
        take_terminal_back();
        ::kill(0, sig == SIGSTOP ? SIGTSTP : sig);
        if (::tcgetpgrp(tty) == ::getpgrp()) {
            hand_terminal(tty, pid);
        }
        ::kill(-pid, SIGCONT);
    }
    void take_terminal_back() const {
        if (tty >= 0 && ::tcgetpgrp(tty) == pid) {
            hand_terminal(tty, ::getpgrp());
        }
    }
    void signal(int sig) const { ::kill(-pid, sig); }
    /// Waits up to ms for it to exit (reaping it).
    bool wait_exit(long ms) {
        const long until = now_ms() + ms;
        while (!exited()) {
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
    void end() {
        signal(SIGTERM);
        signal(SIGCONT);  // a stopped helper only sees the TERM once continued
        if (!wait_exit(k_term_grace_ms)) {
            signal(SIGKILL);
            while (!reaped && ::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
            }
            reaped = true;
        }
        signal(SIGKILL);  // what it started in its group goes with it
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
    child.tty = owned_terminal();
    if (child.tty >= 0) {
        // In the child, after it has its group and with every signal blocked (no SIGTTOU).
        posix_spawn_file_actions_addtcsetpgrp_np(&actions, child.tty);
    }
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);

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
        if (child.tty >= 0) {
            ::close(child.tty);
        }
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
        // A pidfd tells of an exit, not of a stop: with the terminal, look now and then.
        const long slice = child.pidfd >= 0 && child.tty < 0 ? left : std::min<long>(left, k_poll_slice_ms);
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
    if (child.tty >= 0) {
        child.take_terminal_back();
        ::close(child.tty);
        // Ctrl-C or Ctrl-\ at its prompt reached only the helper's group: it goes to ours,
        // where the terminal would have sent it (a script that runs us ends too).
        if (child.reaped && WIFSIGNALED(child.status) &&
            (WTERMSIG(child.status) == SIGINT || WTERMSIG(child.status) == SIGQUIT)) {
            ::kill(0, WTERMSIG(child.status));
        }
    }
    if (failure) {
        return make_error(Errc::io, *failure);
    }
    output.exit_status = WIFEXITED(child.status) ? WEXITSTATUS(child.status) : 128 + WTERMSIG(child.status);
    return output;
}

}  // namespace awsume_shell::util
