#include "awsume_shell/util/signals.hpp"

#include <sys/signalfd.h>
#include <unistd.h>

#include <sys/select.h>

#include <algorithm>
#include <cerrno>

namespace awsume_shell::util {

ScopedSignals::ScopedSignals(std::initializer_list<int> signals, SignalHandler handler, Where where) noexcept {
    struct sigaction action {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    for (int sig : signals) {
        if (m_count == k_max) {
            break;
        }
        const std::size_t i = m_count++;
        m_signals[i] = sig;
        if (where == Where::default_only &&
            (::sigaction(sig, nullptr, &m_saved[i]) != 0 || m_saved[i].sa_handler != SIG_DFL)) {
            continue;
        }
        m_set[i] = ::sigaction(sig, &action, &m_saved[i]) == 0;
    }
}

void ScopedSignals::restore() noexcept {
    for (std::size_t i = 0; i < m_count; ++i) {
        if (m_set[i]) {
            ::sigaction(m_signals[i], &m_saved[i], nullptr);
            m_set[i] = false;
        }
    }
}

void end_by_signal(int sig) noexcept {
    struct sigaction fallback {};
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    ::sigaction(sig, &fallback, nullptr);
    ::raise(sig);
}

namespace {

volatile sig_atomic_t g_stop_signal = 0;

extern "C" void note_stop(int sig) { g_stop_signal = sig; }

constexpr int k_stop_signals[] = {SIGTERM, SIGHUP, SIGINT};

}  // namespace

StopSignals::StopSignals() noexcept : m_handlers({SIGTERM, SIGHUP, SIGINT}, note_stop) {}

int StopSignals::received() noexcept { return g_stop_signal; }

bool StopSignals::sleep_until(const Clock& clock, UnixTime wake) const {
    // The signals are blocked between the check and the wait, and pselect unblocks them
    // atomically, so that one arriving in between is not slept through.
    sigset_t stops, old;
    sigemptyset(&stops);
    for (int sig : k_stop_signals) {
        sigaddset(&stops, sig);
    }
    for (;;) {
        ::sigprocmask(SIG_BLOCK, &stops, &old);
        const UnixTime now = clock.now();
        if (g_stop_signal != 0 || now >= wake) {
            ::sigprocmask(SIG_SETMASK, &old, nullptr);
            return g_stop_signal == 0;
        }
        struct timespec pause {static_cast<time_t>(std::min<UnixTime>(wake - now, 60)), 0};
        ::pselect(0, nullptr, nullptr, nullptr, &pause, &old);
        ::sigprocmask(SIG_SETMASK, &old, nullptr);
    }
}

int signal_fd(std::initializer_list<int> signals) noexcept {
    sigset_t set;
    sigemptyset(&set);
    for (int sig : signals) {
        sigaddset(&set, sig);
    }
    if (::sigprocmask(SIG_BLOCK, &set, nullptr) != 0) {
        return -1;
    }
    return ::signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

void drain_signal_fd(int fd, void (*noted)(int sig, void* data), void* data) noexcept {
    signalfd_siginfo info{};
    while (::read(fd, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
        noted(static_cast<int>(info.ssi_signo), data);
    }
}

bool send_signal(long pid, int sig) noexcept {
    if (pid <= 0) {  // 0 and -1 would signal our group, or every process we may signal
        errno = ESRCH;
        return false;
    }
    return ::kill(static_cast<pid_t>(pid), sig) == 0;
}

bool process_exists(long pid) noexcept { return send_signal(pid, 0) || errno != ESRCH; }

}  // namespace awsume_shell::util
