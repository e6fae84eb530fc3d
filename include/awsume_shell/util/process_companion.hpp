#pragma once
/// Processes that serve their parent for its whole life and never outlive it: the
/// credentials server (a fork of awsume-shell beside the user's command or sub-shell) and
/// its renewal workers (a fork of the server that obtains credentials once and reports them
/// on a pipe). Forked, not exec'd: they run code of this binary with the state the parent
/// already has, so nothing (no option, no secret) passes through an argv or environment.

#include <functional>
#include <string>

#include "awsume_shell/util/result.hpp"

namespace awsume_shell::util {

/// Forks `body` into a process of its own session (no controlling terminal: it can never
/// prompt, and Ctrl-C or a hang-up of the terminal never reaches it), with stdin and stdout
/// on /dev/null (stderr too unless `keep_stderr`: a pipe the user's command writes to must
/// see its end when the command ends), SIGPIPE ignored, and SIGKILL as its parent-death
/// signal: when the process that started it ends, however it ends (even by SIGKILL), so
/// does the companion, and with it every socket it holds. Must be called while the caller
/// is single-threaded. Returns the pid; the child exits with body()'s value.
Result<long> start_companion(const std::function<int()>& body, bool keep_stderr, const std::string& what);

/// SIGTERM, then waits for it (SIGKILL after `grace_ms`); for the parent that outlives it.
void stop_companion(long pid, int grace_ms = 2000) noexcept;

/// In a companion: a descriptor that becomes readable when the process that started it
/// (pid `parent`) has ended (a pidfd: the parent-death signal alone misses a parent whose
/// starting thread ended before the rest). -1 when the parent has already gone.
int watch_parent(long parent) noexcept;

/// A worker's pid and the read end of the pipe it reports on (close-on-exec, non-blocking).
struct Worker {
    long pid = -1;
    int out = -1;
};
/// Forks `body(write_fd)` with every signal unblocked and at its default disposition,
/// stdin and stdout on /dev/null, and SIGKILL as parent-death signal. For a caller that
/// is single-threaded.
Result<Worker> start_worker(const std::function<int(int)>& body);

/// Reaps a worker; with `kill_first` it is ended with SIGKILL before (a worker past its
/// deadline). Blocks only until that process has gone.
void end_worker(const Worker& worker, bool kill_first) noexcept;

}  // namespace awsume_shell::util
