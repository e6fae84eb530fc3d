#include "awsume_shell/util/terminal.hpp"

namespace awsume_shell::util {

bool colour_terminal(const Env& env, bool is_terminal) {
    return is_terminal && env.get("TERM").value_or("dumb") != "dumb";
}

bool colour_wanted(const Env& env, bool is_terminal) {
    if (env.vars().count("NO_COLOR") != 0) {
        return false;
    }
    if (auto setting = env.get("AWS_SESSION_COLORS")) {
        return *setting != "0";
    }
    return colour_terminal(env, is_terminal);
}

}  // namespace awsume_shell::util
