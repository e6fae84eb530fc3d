#pragma once
/// Signal handling, in one place: dispositions set for a scope and put back at its end, the
/// stop signals of a long-running process, and signals sent to another process by pid.
/// Everything here is part of the process library (see docs/architecture-processes.md).

#include <signal.h>

#include <array>
#include <cstddef>
#include <initializer_list>

#include "awsume_shell/util/clock.hpp"

namespace awsume_shell::util {

using SignalHandler = void (*)(int);

/// Sets `handler` (a function, SIG_IGN or SIG_DFL) for each of up to four signals and puts
/// the previous dispositions back when it goes out of scope. Handlers run without
/// SA_RESTART: a blocking read or wait returns EINTR, so the code that waits sees the signal.
class ScopedSignals {
public:
    enum class Where {
        always,
        /// Only where the disposition is SIG_DFL: a signal ignored by whoever started us, or
        /// handled by an outer scope, is left alone.
        default_only,
    };
    ScopedSignals(std::initializer_list<int> signals, SignalHandler handler,
                  Where where = Where::always) noexcept;
    ~ScopedSignals() { restore(); }
    ScopedSignals(const ScopedSignals&) = delete;
    ScopedSignals& operator=(const ScopedSignals&) = delete;
    /// Puts the previous dispositions back now. Async-signal-safe (sigaction only), so a
    /// forked child calls it before execve to give the program what we were started with.
    void restore() noexcept;

private:
    static constexpr std::size_t k_max = 4;
    std::array<int, k_max> m_signals{};
    std::array<struct sigaction, k_max> m_saved{};
    std::array<bool, k_max> m_set{};
    std::size_t m_count = 0;
};

/// In a handler that ends the process as the signal would have: the default disposition,
/// then the signal again (it arrives when the handler returns). Async-signal-safe.
void end_by_signal(int sig) noexcept;

/// For a process that runs until it is asked to stop (the -a refresher): while alive,
/// SIGTERM, SIGHUP and SIGINT are noted instead of ending it.
class StopSignals {
public:
    StopSignals() noexcept;
    /// Sleeps until `wake` by the clock, at most a minute at a time (a suspended laptop wakes
    /// up with the clock moved on). False as soon as a stop signal came, also one before.
    bool sleep_until(const Clock& clock, UnixTime wake) const;
    /// The stop signal that came, 0 if none.
    static int received() noexcept;

private:
    ScopedSignals m_handlers;
};

/// For a single-threaded process whose loop polls descriptors (the credentials server):
/// blocks `signals` and returns a signalfd (close-on-exec, non-blocking) that reads them
/// instead of handlers running; -1 when that fails. Never restored: for a process that
/// keeps this policy until it ends (its workers unblock everything, process_companion).
int signal_fd(std::initializer_list<int> signals) noexcept;
/// Reads the signals waiting on a signal_fd descriptor, calling `noted(sig)` for each.
void drain_signal_fd(int fd, void (*noted)(int sig, void* data), void* data) noexcept;

/// kill(pid, sig) for a pid read from a file (a record, a temp file's name). False with
/// errno set when it could not be sent.
bool send_signal(long pid, int sig) noexcept;

/// Whether a process with that pid exists (one of another user counts).
bool process_exists(long pid) noexcept;

}  // namespace awsume_shell::util
