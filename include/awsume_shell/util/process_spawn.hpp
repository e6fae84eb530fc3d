#pragma once
/// Starting programs that outlive the call or take over the terminal: the sub-shell (a
/// child we wait for while it owns the terminal) and the -a refresher (a daemon). The
/// helpers whose output we read are in process.hpp, the exec of the user's command in
/// process_exec.hpp.

#include <string>
#include <vector>

#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::util {

/// Runs argv[0] (a path, not searched on PATH) with env as a child and waits for it;
/// returns its exit status (128+N when killed by signal N). While it runs it owns the
/// terminal: SIGINT and SIGQUIT are ignored (Ctrl-C is for the child); SIGHUP is passed on,
/// and SIGTERM is passed on as SIGHUP (an interactive shell ignores TERM; HUP ends it as
/// closing its terminal would), after which the result is 128+SIGTERM, as if TERM had ended
/// us. The child starts with the dispositions we had and the user's core limit
/// (core_dumps.hpp). It prints "awsume-shell: cannot run
/// PATH: ERROR" and exits 127 (missing) or 126 when it cannot exec. Errc::io "cannot start
/// WHAT: ..." when there is no child. With `hang_up_with_us` the child gets SIGHUP when we
/// end, however we end (the parent-death signal): a sub-shell whose credentials server
/// died with us (SIGKILL) ends as if its terminal had closed.
Result<int> run_in_foreground(const std::vector<std::string>& argv, const Env& env,
                              const std::string& what, bool hang_up_with_us = false);

/// The three descriptors a daemon starts with; nothing else is inherited.
struct DaemonStdio {
    int in = -1;
    int out = -1;
    int err = -1;
};

/// Starts argv[0] (a path) as a daemon: a session of its own, so no controlling terminal
/// (it can never prompt) and no signal of the terminal; a double fork, so it is nobody's
/// child (never a zombie of a long-lived parent such as a sub-shell). It is awsume-shell
/// itself, so it keeps the core limit of 0. Returns once the
/// intermediate process has ended; the caller closes its copies of `stdio`. Errc::io
/// "WHAT: fork: ..." when the first fork fails; a failure later shows as the daemon not
/// reading what the caller sends it.
Result<void> start_daemon(const std::vector<std::string>& argv, const Env& env,
                          const DaemonStdio& stdio, const std::string& what);

}  // namespace awsume_shell::util
