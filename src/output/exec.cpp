#include "awsume_shell/output/exec.hpp"

#include "awsume_shell/util/process_exec.hpp"

namespace awsume_shell::output {

int exec_command(const std::vector<std::string>& argv, const util::Env& env) {
    return util::exec_replacing(argv, env);
}

}  // namespace awsume_shell::output
