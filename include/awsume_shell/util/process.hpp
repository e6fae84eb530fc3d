#pragma once
/// Running helper programs (credential_process, mfa_process) and reading their stdout,
/// bounded: a helper that hangs is ended after a timeout, one that prints without end is
/// cut off, and a background child it leaves holding stdout does not keep us waiting.
/// Messages name the helper by `what` (the setting and profile), never by its command
/// line: that often holds a secret (a TOTP seed, a token).

#include <cstddef>
#include <string>

#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::util {

/// Long enough for a helper that signs in through a browser (the process_timeout setting).
constexpr long k_default_process_timeout = 300;
constexpr std::size_t k_max_process_output = 1024 * 1024;

struct ProcessOutput {
    int exit_status = 0;  ///< 128+N when killed by signal N
    std::string out;      ///< stdout; stderr goes to ours, so the user sees the helper's messages
};

struct ProcessOptions {
    std::string what = "helper";  ///< e.g. "mfa_process of profile 'x' (~/.aws/config:12)"
    bool inherit_stdin = false;   ///< else /dev/null
    long timeout_seconds = k_default_process_timeout;
    std::size_t max_output = k_max_process_output;
};

/// Runs `/bin/sh -c command` with env. Once the process itself has exited, what it printed
/// so far (and what is still readable without waiting) is the output. Errc::io when it
/// cannot be started, printed more than max_output, or was still running after the
/// timeout; in the last two cases it is ended with all it started (SIGTERM, then SIGKILL
/// after 2 s, to its process group: it always has one of its own). When the terminal's
/// foreground group is ours, the helper's group gets the terminal while it runs (it may
/// prompt); a Ctrl-C or Ctrl-\ that ends it ends us too, a Ctrl-Z that stops it stops us
/// too. A non-zero exit is reported in exit_status for the caller to phrase.
Result<ProcessOutput> run_shell_command(const std::string& command, const Env& env,
                                        const ProcessOptions& options);

}  // namespace awsume_shell::util
