#include "awsume_shell/cli/command.hpp"

namespace awsume_shell::cli {

const std::vector<CommandEntry>& command_table() {
    static const std::vector<CommandEntry> table = {
        {"shell", make_shell_command},
        {"exec", make_exec_command},
        {"export", make_export_command},
        {"list", make_list_command},
        {"refresh", make_refresh_command},
        {"status", make_status_command},
        {"provision-mfa", make_provision_mfa_command},
        {"login", make_login_command},
        {"auto-refresh", make_auto_refresh_command},
        {"completion", make_completion_command},
    };
    return table;
}

}  // namespace awsume_shell::cli
