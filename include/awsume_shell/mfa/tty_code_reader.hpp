#pragma once
/// The real CodeReader: asks on /dev/tty (never stdin, which may be a pipe), and the Ctrl-C
/// handling of provision-mfa.

#include <string>

#include "awsume_shell/mfa/provisioner.hpp"
#include "awsume_shell/util/signals.hpp"

namespace awsume_shell::mfa {

/// While alive, SIGINT, SIGTERM, SIGHUP and SIGQUIT only set a flag (no SA_RESTART, so a
/// blocked read returns), letting provision-mfa delete the device it created before
/// exiting with 128 + the signal (130 for Ctrl-C).
class SigintGuard {
public:
    SigintGuard();
    SigintGuard(const SigintGuard&) = delete;
    SigintGuard& operator=(const SigintGuard&) = delete;
    static bool interrupted();
    /// The signal that arrived (SIGINT, SIGTERM, SIGHUP, SIGQUIT), 0 if none.
    static int signal_number();

private:
    util::ScopedSignals m_signals;
};

class TtyCodeReader : public CodeReader {
public:
    /// Re-asks a code that is not six digits (spaces and dashes are ignored, see
    /// util::normalise_typed_code); Errc::mfa after three. Type-ahead is discarded.
    Result<std::string> read_code(const std::string& serial, const std::string& which) override;
    /// Errc::mfa when there is no terminal to ask on: checked before a device is created.
    static Result<void> available();
};

}  // namespace awsume_shell::mfa
