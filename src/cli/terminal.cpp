#include "awsume_shell/cli/terminal.hpp"

#include <unistd.h>

namespace awsume_shell::cli {

bool colour_enabled(const util::Env& env, int fd) {
    if (env.vars().count("NO_COLOR") != 0) {
        return false;
    }
    if (auto setting = env.get("AWS_SESSION_COLORS")) {
        return *setting != "0";
    }
    return ::isatty(fd) == 1 && env.get("TERM").value_or("dumb") != "dumb";
}

}  // namespace awsume_shell::cli
