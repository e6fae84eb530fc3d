#include "awsume_shell/credentials/mfa_code_source.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>

#include "awsume_shell/util/display_text.hpp"
#include "awsume_shell/util/process.hpp"
#include "awsume_shell/util/signals.hpp"
#include "awsume_shell/util/typed_code.hpp"

namespace awsume_shell::credentials {

namespace {

volatile sig_atomic_t g_interrupted = 0;

void on_sigint(int) { g_interrupted = 1; }

std::string trim(std::string text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.pop_back();
    }
    size_t start = 0;
    while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) {
        ++start;
    }
    return text.substr(start);
}

/// Reads one line from the terminal with SIGINT turned into a clean Errc::interrupted
/// (no handler would otherwise run our cleanup: the default action kills the process).
/// End of input before anything was typed is Errc::mfa: asking again would read it again.
Result<std::string> read_tty_line(int fd) {
    g_interrupted = 0;
    std::string line;
    bool ended = false;
    {
        const util::ScopedSignals interrupt({SIGINT}, on_sigint);  // read() returns EINTR
        char c = 0;
        for (;;) {
            ssize_t n = ::read(fd, &c, 1);
            if (n == 1) {
                if (c == '\n') {
                    break;
                }
                line.push_back(c);
                continue;
            }
            if (n < 0 && errno == EINTR && !g_interrupted) {
                continue;
            }
            ended = true;
            break;
        }
    }
    if (g_interrupted) {
        ::write(fd, "\n", 1);
        return make_error(Errc::interrupted, "interrupted at the MFA prompt");
    }
    if (ended && line.empty()) {
        return make_error(Errc::mfa, "no MFA code entered (end of input on the terminal)");
    }
    return line;
}

}  // namespace

Result<std::string> validate_mfa_code(std::string code, const std::string& origin) {
    code = trim(code);
    bool digits = code.size() == 6;
    for (char c : code) {
        digits = digits && std::isdigit(static_cast<unsigned char>(c));
    }
    if (!digits) {
        return make_error(Errc::mfa, "MFA code from " + origin + " must be 6 digits");
    }
    return code;
}

MfaCodeSource::MfaCodeSource(std::optional<std::string> flag_code, const util::Env& env,
                             const util::Log& log)
    : m_env(env), m_log(log) {
    if (flag_code) {
        m_given = std::move(flag_code);
    } else if (auto code = env.first_of({"AWSUME_SHELL_MFA_CODE", "AWS_SESSION_MFA_CODE"})) {
        m_given = code;
    }
}

Result<MfaCode> MfaCodeSource::code_for(const std::string& serial,
                                        const std::optional<std::string>& mfa_process,
                                        const std::string& process_origin) {
    if (m_given) {
        std::string code = *m_given;
        m_given.reset();  // a code is good for one call
        m_log.debug("MFA code for " + serial + " from --mfa-code or the environment");
        TRY(auto valid, validate_mfa_code(code, "--mfa-code/AWSUME_SHELL_MFA_CODE"));
        return MfaCode{valid, false};
    }
    if (mfa_process) {
        m_log.debug("MFA code for " + serial + " from mfa_process");
        util::ProcessOptions options;
        options.what = process_origin;
        options.inherit_stdin = true;
        options.timeout_seconds = m_process_timeout;
        auto output = util::run_shell_command(*mfa_process, m_env, options);
        if (!output) {
            return make_error(Errc::mfa, output.error().message);
        }
        if (output->exit_status != 0) {
            return make_error(Errc::mfa, process_origin + " exited with status " +
                                             std::to_string(output->exit_status));
        }
        TRY(auto valid, validate_mfa_code(output->out, process_origin));
        return MfaCode{valid, false};
    }
    return prompt(serial, "");
}

Result<MfaCode> MfaCodeSource::prompt(const std::string& serial, const std::string& reason) {
    int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        return make_error(Errc::mfa, "an MFA code is needed for " + serial +
                                         " but there is no terminal to ask on; pass --mfa-code "
                                         "or set AWSUME_SHELL_MFA_CODE or mfa_process");
    }
    // Type-ahead is dropped before each question and the rest of a pasted burst after each
    // answer: nothing typed for this prompt may spill into the shell that started us.
    std::string note = reason.empty() ? "" : reason + "\n";
    for (int attempt = 0; attempt < util::k_code_prompt_tries; ++attempt) {
        util::discard_typed_ahead(fd);
        const std::string question = note + "Enter MFA code for " + util::printable(serial) + ": ";
        [[maybe_unused]] auto written = ::write(fd, question.data(), question.size());
        auto line = read_tty_line(fd);
        util::discard_typed_ahead(fd);
        if (!line) {
            ::close(fd);
            return unexpected(line.error());
        }
        std::string code = util::normalise_typed_code(*line);
        if (!code.empty()) {
            ::close(fd);
            return MfaCode{code, true};
        }
        note = "A code is six digits (spaces and dashes are ignored).\n";
    }
    ::close(fd);
    return make_error(Errc::mfa, "no six-digit MFA code entered for " + serial + " in " +
                                     std::to_string(util::k_code_prompt_tries) + " tries");
}

}  // namespace awsume_shell::credentials
