#pragma once
/// The IAM Identity Center sign-in (`awsume-shell login`, and a command that needs a token
/// on a terminal): the OAuth device authorization flow of SSO-OIDC, as the AWS CLI runs it,
/// then the token written to the cache the AWS CLI shares (docs/sso-sign-in.md).

#include <memory>
#include <string>
#include <string_view>

#include "awsume_shell/aws/sso.hpp"
#include "awsume_shell/cache/sso_token.hpp"
#include "awsume_shell/config/sso_settings.hpp"
#include "awsume_shell/util/clock.hpp"
#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/file_lock.hpp"
#include "awsume_shell/util/log.hpp"
#include "awsume_shell/util/signals.hpp"

namespace awsume_shell::credentials {

/// What an sso-session without sso_registration_scopes registers with (what `aws configure
/// sso` writes): without a scope no refresh token is issued, and people sign in every 8 h.
inline constexpr const char* k_default_sso_scope = "sso:account:access";

/// The longest a sign-in's code is waited for, whatever the server says (AWS's live 10 min).
constexpr long k_max_code_lifetime = 30 * 60;

/// How long a process waits for the sign-in another one runs for the same session: as long
/// as that sign-in can last (its code's longest life, and a minute for its calls), so a
/// waiter never gives up on a sign-in still in progress.
constexpr long k_sign_in_wait_seconds = k_max_code_lifetime + 60;

/// Where a sign-in talks to the user. Text handed to it is ready to show (escaped).
class SignInUi {
public:
    virtual ~SignInUi() = default;
    /// One or more lines for the user.
    virtual void show(std::string_view text) = 0;
    /// Opens `url` without waiting; a failure is only a note the implementation shows.
    virtual void open_browser(const std::string& url) = 0;
};

/// The real one: text to `fd` (stderr for `login`, the terminal for a command), the browser
/// through util::open_in_browser unless `use_browser` is false.
class TerminalSignInUi final : public SignInUi {
public:
    TerminalSignInUi(int fd, const util::Env& env, bool use_browser);
    void show(std::string_view text) override;
    void open_browser(const std::string& url) override;

private:
    int m_fd;
    const util::Env& m_env;
    bool m_use_browser;
};

/// /dev/tty opened for a sign-in a command needs; null when there is no terminal.
class SignInTerminal {
public:
    static std::unique_ptr<SignInTerminal> open(const util::Env& env);
    ~SignInTerminal();
    SignInUi& ui() { return m_ui; }

private:
    SignInTerminal(int fd, const util::Env& env) : m_fd(fd), m_ui(fd, env, true) {}
    int m_fd;
    TerminalSignInUi m_ui;
};

/// The system's sleep with Ctrl-C caught while it lives: sleep_for is false once SIGINT came,
/// also when it came during an OIDC call before. Made only around the poll loop, so a
/// Ctrl-C while waiting for another process's sign-in ends us at once (nothing is written).
class SignInSleeper final : public util::Sleeper {
public:
    SignInSleeper();
    bool sleep_for(long seconds) override;

private:
    util::ScopedSignals m_interrupt;
    util::SystemSleeper m_system;
};

struct SignInContext {
    aws::SsoOidc& oidc;
    const util::Clock& clock;
    util::Sleeper& sleeper;  ///< false from sleep_for is Ctrl-C
    SignInUi& ui;
    const util::Log& log;
    std::string cache_dir;  ///< ~/.aws/sso/cache
};

/// The scopes a sign-in registers with: sso_registration_scopes, else k_default_sso_scope
/// for an sso-session; none for a legacy profile (the AWS CLI refreshes only sessions).
std::vector<std::string> sign_in_scopes(const config::SsoSettings& sso);

/// The device flow: the client registration cached beside the token (reused while it has
/// more than 15 minutes left, else RegisterClient and cached), StartDeviceAuthorization, the
/// URL and code shown and the browser opened, CreateToken polled every `interval` (+5 s on
/// SlowDownException) until approved; then the token written (cache::write_sso_token).
/// The caller holds lock_sign_in. Errors: Errc::sign_in for a code that expired or a sign-in
/// denied, Errc::interrupted on Ctrl-C (nothing written), the OIDC call's error else.
Result<cache::SsoToken> sign_in(const config::SsoSettings& sso, const SignInContext& context);

/// The per-session lock of cache::lock_sso_token; when another process holds it (a sign-in
/// in another window), says so on `ui` (if any) and waits up to k_sign_in_wait_seconds.
/// `waited` tells whether someone else had it.
Result<util::FileLock> lock_sign_in(const config::SsoSettings& sso, const std::string& token_path, SignInUi* ui,
                                    bool& waited);

/// For messages: "profile 'P'" (or "sso-session 'S'" for `login --sso-session`); "the IAM
/// Identity Center session 'S'" (or "... sign-in to URL" for a legacy profile); the command
/// that signs in again, "awsume-shell login P" (or "... --sso-session S").
std::string sso_who(const config::SsoSettings& sso);
std::string sso_session_words(const config::SsoSettings& sso);
std::string sso_login_command(const config::SsoSettings& sso);

}  // namespace awsume_shell::credentials
