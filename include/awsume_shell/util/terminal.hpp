#pragma once
/// The one colour decision, shared by list, provision-mfa and the sub-shell. Pure: the
/// caller says whether its output is a terminal (isatty), so tests need none.

#include "awsume_shell/util/env.hpp"

namespace awsume_shell::util {

/// A terminal that shows colour: a tty whose TERM is set and not "dumb".
bool colour_terminal(const Env& env, bool is_terminal);

/// NO_COLOR (any value) or AWS_SESSION_COLORS=0 turn colour off; AWS_SESSION_COLORS=1
/// turns it on; otherwise colour_terminal().
bool colour_wanted(const Env& env, bool is_terminal);

}  // namespace awsume_shell::util
