#include "awsume_shell/util/process.hpp"

#include "awsume_shell/util/io.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace awsume_shell::util {

Result<ProcessOutput> run_shell_command(const std::string& command, const Env& env,
                                        bool inherit_stdin) {
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
        return make_error(Errc::io, std::string("cannot create pipe: ") + std::strerror(errno));
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    if (!inherit_stdin) {
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    }

    std::vector<std::string> env_strings = env.to_strings();
    std::vector<char*> envp = c_string_array(env_strings);
    std::string sh = "/bin/sh";
    std::string dash_c = "-c";
    std::string cmd = command;
    char* argv[] = {sh.data(), dash_c.data(), cmd.data(), nullptr};

    pid_t pid = -1;
    int rc = posix_spawn(&pid, "/bin/sh", &actions, nullptr, argv, envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);
    if (rc != 0) {
        ::close(pipe_fds[0]);
        return make_error(Errc::io, "cannot run '" + command + "': " + std::strerror(rc));
    }

    ProcessOutput output;
    char buffer[4096];
    for (;;) {
        ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
        if (n > 0) {
            output.out.append(buffer, static_cast<size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        break;
    }
    ::close(pipe_fds[0]);

    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            return make_error(Errc::io, std::string("waitpid: ") + std::strerror(errno));
        }
    }
    output.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return output;
}

}  // namespace awsume_shell::util
