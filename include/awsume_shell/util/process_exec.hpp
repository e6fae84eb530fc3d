#pragma once
/// Replacing this process by the user's command (`exec`): no waiting parent, so a cache
/// hit costs about one execve.

#include <string>
#include <vector>

#include "awsume_shell/util/env.hpp"

namespace awsume_shell::util {

/// execve with `env` as the environment and the user's core limit, searching `env`'s PATH
/// (not ours) like execvp: a name with '/' is used as is; an empty PATH entry means the
/// current directory; without PATH, "/usr/local/bin:/usr/bin:/bin". A found file the kernel
/// cannot run (ENOEXEC) is run by /bin/sh, as execvp and env(1) do. Returns only on failure,
/// after printing one line to stderr: 127 "awsume-shell: CMD: command not found" (or "No
/// such file or directory" for a path), 126 "awsume-shell: CMD: Permission denied" (or the
/// error) when something was found but could not be run.
int exec_replacing(const std::vector<std::string>& argv, const Env& env);

/// Where execvp looks for `name` (without '/'): DIR/name for each entry of env's PATH, an
/// empty entry being ".", without PATH "/usr/local/bin:/usr/bin:/bin"; in order.
std::vector<std::string> path_candidates(const std::string& name, const Env& env);

}  // namespace awsume_shell::util
