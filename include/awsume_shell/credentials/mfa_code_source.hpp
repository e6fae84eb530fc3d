#pragma once
/// Where one-time MFA codes come from, in order: --mfa-code, AWSUME_SHELL_MFA_CODE,
/// AWS_SESSION_MFA_CODE, the profile's mfa_process, a prompt on /dev/tty. A code given up
/// front is used once: AWS rejects a code used twice, so a second need goes on down the list.

#include <optional>
#include <string>

#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/log.hpp"
#include "awsume_shell/util/process.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::credentials {

struct MfaCode {
    std::string code;
    bool from_prompt = false;  ///< a rejected prompt code may be asked again once
};

class MfaCodeSource {
public:
    /// `flag_code` is --mfa-code, if given.
    MfaCodeSource(std::optional<std::string> flag_code, const util::Env& env, const util::Log& log);
    virtual ~MfaCodeSource() = default;

    /// A code for the device `serial`. Errc::mfa when none can be had (no terminal),
    /// Errc::interrupted on Ctrl-C at the prompt. `process_origin` names mfa_process in
    /// messages ("mfa_process of profile 'x' (file:line)"): its command line never appears.
    virtual Result<MfaCode> code_for(const std::string& serial,
                                     const std::optional<std::string>& mfa_process,
                                     const std::string& process_origin = "mfa_process");
    /// The process_timeout setting, for mfa_process.
    void set_process_timeout(long seconds) { m_process_timeout = seconds; }
    /// Ask on the terminal (used again after a rejected prompt code).
    virtual Result<MfaCode> prompt(const std::string& serial, const std::string& reason);

private:
    std::optional<std::string> m_given;
    const util::Env& m_env;
    const util::Log& m_log;
    long m_process_timeout = util::k_default_process_timeout;
};

/// AWS codes are six digits; anything else is refused before a call is spent on it.
Result<std::string> validate_mfa_code(std::string code, const std::string& origin);

}  // namespace awsume_shell::credentials
