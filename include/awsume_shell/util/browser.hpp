#pragma once
/// Opening a URL in the user's browser, as the AWS CLI and Python's webbrowser do: $BROWSER,
/// else xdg-open. Never waited for: a browser that starts a window and stays is not ours to
/// wait on, and one that fails must not stop what asked for it.

#include <optional>
#include <string>
#include <vector>

#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::util {

/// `name` itself when it holds a '/', else the first executable regular file NAME in the
/// directories of env's PATH (default "/usr/local/bin:/usr/bin:/bin"); nullopt if none.
std::optional<std::string> find_executable(const std::string& name, const Env& env);

/// The argv that opens `url`: $BROWSER's first ':'-separated entry split at blanks (no
/// shell), "%s" in a word replaced by the URL, else the URL appended; without BROWSER,
/// xdg-open URL. argv[0] found on PATH. Errc::io "no browser to open: ..." otherwise.
Result<std::vector<std::string>> browser_command(const std::string& url, const Env& env);

/// Starts browser_command detached (a session of its own, stdio on /dev/null) and returns
/// at once with the program's path; what the browser then does is not awaited.
Result<std::string> open_in_browser(const std::string& url, const Env& env);

}  // namespace awsume_shell::util
