#pragma once
/// Colour decisions, shared by every command that prints in colour.

#include "awsume_shell/util/env.hpp"

namespace awsume_shell::cli {

/// NO_COLOR (any value) or AWS_SESSION_COLORS=0 turn colour off; AWS_SESSION_COLORS=1
/// turns it on; otherwise colour when `fd` is a terminal and TERM is not "dumb".
bool colour_enabled(const util::Env& env, int fd);

}  // namespace awsume_shell::cli
