#include "awsume_shell/shell/subshell.hpp"

#include "awsume_shell/util/process_spawn.hpp"

namespace awsume_shell::shell {

Result<int> run_subshell(const SubshellSpec& spec, const util::Env& env_with_credentials) {
    TRY(ShellChoice shell, detect_shell(env_with_credentials));
    TRY(std::string dir, build_rc_dir(spec, shell.kind, env_with_credentials));
    ShellLaunch launch = shell_launch(shell, dir, spec, env_with_credentials);
    // The rc folder is removed after the shell, also when a SIGHUP or SIGTERM ended it.
    auto status = util::run_in_foreground(launch.argv, launch.env, "a shell", !spec.server_state.empty());
    remove_rc_dir(dir);
    return status;
}

}  // namespace awsume_shell::shell
