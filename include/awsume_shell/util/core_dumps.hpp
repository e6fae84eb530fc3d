#pragma once
/// awsume-shell holds long-term secrets (source keys, MFA sessions): it never leaves a core
/// dump and cannot be read by ptrace or /proc/PID/mem of another process of the user.

namespace awsume_shell::util {

/// First thing in main, before any file is read: prctl(PR_SET_DUMPABLE, 0) and a soft
/// RLIMIT_CORE of 0 (the hard limit is kept, so the user's soft limit can come back).
/// Three system calls. Non-dumpable is reset by execve (helpers and commands are ordinary
/// processes again); the core limit is inherited: see restore_core_limit.
void forbid_core_dumps() noexcept;

/// In a process about to execve the user's command or shell: the soft core limit the user
/// had before forbid_core_dumps. Async-signal-safe (one setrlimit), fine after fork.
void restore_core_limit() noexcept;

}  // namespace awsume_shell::util
