#pragma once
/// Running helper programs (credential_process, mfa_process) and reading their stdout.

#include <string>

#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::util {

struct ProcessOutput {
    int exit_status = 0;  ///< 128+N when killed by signal N
    std::string out;      ///< stdout; stderr goes to ours, so the user sees the helper's messages
};

/// Runs `/bin/sh -c command` with env, stdin from /dev/null unless `inherit_stdin`.
/// Fails (Errc::io) only when the process cannot be started; a non-zero exit is reported in
/// exit_status for the caller to phrase.
Result<ProcessOutput> run_shell_command(const std::string& command, const Env& env,
                                        bool inherit_stdin = false);

}  // namespace awsume_shell::util
