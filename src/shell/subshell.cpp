#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "awsume_shell/shell/subshell.hpp"
#include "awsume_shell/util/io.hpp"
#include "awsume_shell/util/core_dumps.hpp"

namespace awsume_shell::shell {

namespace {

volatile sig_atomic_t g_child = 0;
volatile sig_atomic_t g_terminated = 0;

/// A hang-up or kill request for awsume-shell goes to the shell, so that it ends and we
/// still remove the rc folder after it. An interactive shell ignores SIGTERM: it gets
/// SIGHUP instead, which ends it as closing its terminal would (issue 8 item 20).
extern "C" void forward_signal(int sig) {
    if (sig == SIGTERM) {
        g_terminated = 1;
    }
    if (g_child > 0) {
        ::kill(static_cast<pid_t>(g_child), sig == SIGTERM ? SIGHUP : sig);
    }
}

struct SavedSignals {
    struct sigaction interrupt, quit, hangup, terminate;
};

SavedSignals install_parent_signals() {
    SavedSignals saved{};
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    struct sigaction forward {};
    forward.sa_handler = forward_signal;
    sigemptyset(&forward.sa_mask);
    // The shell owns the terminal: its Ctrl-C is for the shell, not for us.
    ::sigaction(SIGINT, &ignore, &saved.interrupt);
    ::sigaction(SIGQUIT, &ignore, &saved.quit);
    ::sigaction(SIGHUP, &forward, &saved.hangup);
    ::sigaction(SIGTERM, &forward, &saved.terminate);
    return saved;
}

void restore_signals(const SavedSignals& saved) {
    ::sigaction(SIGINT, &saved.interrupt, nullptr);
    ::sigaction(SIGQUIT, &saved.quit, nullptr);
    ::sigaction(SIGHUP, &saved.hangup, nullptr);
    ::sigaction(SIGTERM, &saved.terminate, nullptr);
}

}  // namespace

Result<int> run_subshell(const SubshellSpec& spec, const util::Env& env_with_credentials) {
    TRY(ShellChoice shell, detect_shell(env_with_credentials));
    TRY(std::string dir, build_rc_dir(spec, shell.kind, env_with_credentials));
    ShellLaunch launch = shell_launch(shell, dir, spec, env_with_credentials);
    std::vector<std::string> env_strings = launch.env.to_strings();
    std::vector<char*> argv = util::c_string_array(launch.argv);
    std::vector<char*> envp = util::c_string_array(env_strings);

    std::fflush(nullptr);
    SavedSignals saved = install_parent_signals();
    pid_t pid = ::fork();
    if (pid < 0) {
        int saved_errno = errno;
        restore_signals(saved);
        remove_rc_dir(dir);
        return make_error(Errc::io, std::string("cannot start a shell: ") + std::strerror(saved_errno));
    }
    if (pid == 0) {
        restore_signals(saved);
        util::restore_core_limit();  // the user's shell gets the user's core limit back
        ::execve(argv[0], argv.data(), envp.data());
        int saved_errno = errno;
        std::fprintf(stderr, "awsume-shell: cannot run %s: %s\n", argv[0], std::strerror(saved_errno));
        ::_exit(saved_errno == ENOENT ? 127 : 126);
    }
    g_terminated = 0;
    g_child = pid;
    int status = 0;
    pid_t waited = 0;
    do {
        waited = ::waitpid(pid, &status, 0);
    } while (waited < 0 && errno == EINTR);
    g_child = 0;
    restore_signals(saved);
    remove_rc_dir(dir);
    if (waited < 0) {
        return make_error(Errc::io, std::string("waiting for the shell: ") + std::strerror(errno));
    }
    if (g_terminated) {
        return 128 + SIGTERM;  // as if SIGTERM had ended us, whatever the shell made of SIGHUP
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return WEXITSTATUS(status);
}

}  // namespace awsume_shell::shell
