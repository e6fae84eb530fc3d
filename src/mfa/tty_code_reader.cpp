#include "awsume_shell/mfa/tty_code_reader.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <iterator>
#include <string>

#include "awsume_shell/util/typed_code.hpp"

namespace awsume_shell::mfa {
namespace {

// The one global a signal handler needs; nothing else reads or writes it.
/// The signal that ended the prompt (0: none).
volatile std::sig_atomic_t g_sigint = 0;

extern "C" void on_sigint(int sig) { g_sigint = sig; }

void write_all(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return;
        }
        done += static_cast<std::size_t>(n);
    }
}

/// One line, or Errc::interrupted when Ctrl-C arrives while waiting.
Result<std::string> read_line(int fd) {
    std::string line;
    char ch = 0;
    for (;;) {
        if (g_sigint) {
            return make_error(Errc::interrupted, std::string("interrupted at the MFA code prompt (SIG") +
                                                     ::sigabbrev_np(g_sigint) + ")");
        }
        const ssize_t n = ::read(fd, &ch, 1);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return make_error(Errc::mfa, "reading the MFA code from the terminal failed");
        }
        if (n == 0 || ch == '\n') {
            if (n == 0 && line.empty()) {
                return make_error(Errc::mfa, "no MFA code entered (end of input)");
            }
            return line;
        }
        line += ch;
    }
}

}  // namespace

SigintGuard::SigintGuard() : m_signals({SIGINT, SIGTERM, SIGHUP, SIGQUIT}, on_sigint) { g_sigint = 0; }

bool SigintGuard::interrupted() { return g_sigint != 0; }

int SigintGuard::signal_number() { return g_sigint; }

Result<void> TtyCodeReader::available() {
    const int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        return make_error(Errc::mfa, "provision-mfa needs a terminal to show the QR code and "
                                     "ask for two codes; none is available");
    }
    ::close(fd);
    return {};
}

Result<std::string> TtyCodeReader::read_code(const std::string& serial, const std::string& which) {
    const int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        return make_error(Errc::mfa, "provision-mfa needs a terminal to ask for the codes of " +
                                         serial);
    }
    const std::string question =
        which == "first" ? "First code: " : "Next code (wait until the app shows a new one): ";
    for (int tries = 0; tries < util::k_code_prompt_tries; ++tries) {
        // As at the MFA prompt: nothing typed here may be left for the parent shell.
        util::discard_typed_ahead(fd);
        write_all(fd, question);
        auto line = read_line(fd);
        util::discard_typed_ahead(fd);
        if (!line) {
            write_all(fd, "\n");
            ::close(fd);
            return unexpected(line.error());
        }
        std::string code = util::normalise_typed_code(*line);
        if (!code.empty()) {
            ::close(fd);
            return code;
        }
        write_all(fd, "A code is six digits.\n");
    }
    ::close(fd);
    return make_error(Errc::mfa, "no valid six-digit MFA code entered");
}

}  // namespace awsume_shell::mfa
