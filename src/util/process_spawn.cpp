#include "awsume_shell/util/process_spawn.hpp"

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "awsume_shell/util/core_dumps.hpp"
#include "awsume_shell/util/io.hpp"
#include "awsume_shell/util/signals.hpp"

namespace awsume_shell::util {

namespace {

/// Everything a forked child needs, made before the fork: after it the child only makes
/// async-signal-safe calls.
struct Prepared {
    std::vector<std::string> arg_strings;
    std::vector<std::string> env_strings;
    std::vector<char*> argv;
    std::vector<char*> envp;
    Prepared(const std::vector<std::string>& args, const Env& env)
        : arg_strings(args), env_strings(env.to_strings()), argv(c_string_array(arg_strings)),
          envp(c_string_array(env_strings)) {}
};

/// Waits for our own child, through EINTR (a forwarded signal interrupts the wait).
pid_t wait_child(pid_t pid, int* status) {
    pid_t waited = 0;
    do {
        waited = ::waitpid(pid, status, 0);
    } while (waited < 0 && errno == EINTR);
    return waited;
}

volatile sig_atomic_t g_foreground_child = 0;
volatile sig_atomic_t g_terminated = 0;

/// A hang-up or kill request for awsume-shell goes to the child, so that it ends and the
/// caller still cleans up after it.
extern "C" void forward_signal(int sig) {
    if (sig == SIGTERM) {
        g_terminated = 1;
    }
    if (g_foreground_child > 0) {
        ::kill(static_cast<pid_t>(g_foreground_child), sig == SIGTERM ? SIGHUP : sig);
    }
}

}  // namespace

Result<int> run_in_foreground(const std::vector<std::string>& args, const Env& env, const std::string& what,
                              bool hang_up_with_us) {
    Prepared prepared(args, env);
    std::fflush(nullptr);
    // The child owns the terminal: its Ctrl-C is for the child, not for us.
    ScopedSignals ignored({SIGINT, SIGQUIT}, SIG_IGN);
    ScopedSignals forwarded({SIGHUP, SIGTERM}, forward_signal);
    g_terminated = 0;
    // Held back until the child's pid is known, so that none arriving meanwhile is lost.
    sigset_t forwarded_set, old_mask;
    sigemptyset(&forwarded_set);
    sigaddset(&forwarded_set, SIGHUP);
    sigaddset(&forwarded_set, SIGTERM);
    ::sigprocmask(SIG_BLOCK, &forwarded_set, &old_mask);
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        const int err = errno;
        ::sigprocmask(SIG_SETMASK, &old_mask, nullptr);
        return make_error(Errc::io, "cannot start " + what + ": " + std::strerror(err));
    }
    if (pid == 0) {
        ignored.restore();
        forwarded.restore();
        ::sigprocmask(SIG_SETMASK, &old_mask, nullptr);
        restore_core_limit();  // the user's program gets the user's core limit back
        if (hang_up_with_us) {
            ::prctl(PR_SET_PDEATHSIG, SIGHUP);
            if (::getppid() != parent) {
                ::_exit(128 + SIGHUP);
            }
        }
        ::execve(prepared.argv[0], prepared.argv.data(), prepared.envp.data());
        const int err = errno;
        std::fprintf(stderr, "awsume-shell: cannot run %s: %s\n", prepared.argv[0], std::strerror(err));
        ::_exit(err == ENOENT ? 127 : 126);
    }
    g_foreground_child = pid;
    ::sigprocmask(SIG_SETMASK, &old_mask, nullptr);
    int status = 0;
    const pid_t waited = wait_child(pid, &status);
    const int wait_errno = errno;
    g_foreground_child = 0;
    if (waited < 0) {
        return make_error(Errc::io, "waiting for " + what + ": " + std::strerror(wait_errno));
    }
    if (g_terminated) {
        return 128 + SIGTERM;  // whatever the child made of SIGHUP
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return WEXITSTATUS(status);
}

Result<void> start_daemon(const std::vector<std::string>& args, const Env& env, const DaemonStdio& stdio,
                          const std::string& what) {
    Prepared prepared(args, env);
    const pid_t pid = ::fork();
    if (pid < 0) {
        return make_error(Errc::io, what + ": fork: " + std::strerror(errno));
    }
    if (pid == 0) {
        ::setsid();
        if (::fork() != 0) {
            ::_exit(0);
        }
        ::dup2(stdio.in, STDIN_FILENO);
        ::dup2(stdio.out, STDOUT_FILENO);
        ::dup2(stdio.err, STDERR_FILENO);
        ::close_range(3, ~0U, 0);
        ::execve(prepared.argv[0], prepared.argv.data(), prepared.envp.data());
        ::_exit(127);
    }
    int status = 0;
    (void)wait_child(pid, &status);
    return {};
}

}  // namespace awsume_shell::util
