#include "awsume_shell/credentials/sso_login.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>

#include "awsume_shell/cache/sso_registration.hpp"
#include "awsume_shell/util/browser.hpp"
#include "awsume_shell/util/display_text.hpp"
#include "awsume_shell/util/io.hpp"
#include "awsume_shell/util/time_format.hpp"

namespace awsume_shell::credentials {

namespace {

volatile sig_atomic_t g_interrupted = 0;
void on_sigint(int) { g_interrupted = 1; }

/// A registration with less than this left is not reused (botocore's window).
constexpr long k_registration_margin = 15 * 60;
/// RFC 8628: slow_down adds 5 s to the interval.
constexpr long k_slow_down_step = 5;
/// Bounds on what the (untrusted) server asks: a poll at least every minute, a code that
/// lives at most k_max_code_lifetime (AWS's interval is 1 or 5 s).
constexpr long k_max_interval = 60;
static_assert(k_sign_in_wait_seconds > k_max_code_lifetime, "a waiter outlasts the sign-in it waits for");
/// Transport failures in a row (each after the client's own retries) that end the polling.
constexpr int k_max_network_failures = 3;

Unexpected interrupted() { return make_error(Errc::interrupted, "interrupted during the IAM Identity Center sign-in; nothing was written"); }

bool is_web_url(const std::string& url) {
    return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

/// The cached registration when it still has time, else a new one (cached for the next sign-in).
Result<cache::SsoRegistration> registration(const config::SsoSettings& sso, const std::vector<std::string>& scopes,
                                            const std::string& path, bool reuse, const SignInContext& context) {
    const util::UnixTime now = context.clock.now();
    if (reuse) {
        auto cached = cache::read_sso_registration(path);
        if (cached && *cached && (*cached)->expires_at - now > k_registration_margin) {
            context.log.debug("reusing the SSO-OIDC client registration of " + path);
            return **cached;
        }
        if (!cached) {
            context.log.debug("not reusing the client registration: " + cached.error().message);
        }
    }
    aws::RegisterClientRequest request;
    request.region = sso.region;
    request.client_name = "awsume-shell-" + (sso.session_name.empty() ? std::to_string(now) : sso.session_name);
    request.scopes = scopes;
    TRY(auto client, context.oidc.register_client(request));
    cache::SsoRegistration made{client.client_id, client.client_secret, client.client_secret_expires_at, scopes};
    if (auto saved = cache::write_sso_registration(path, made); !saved) {
        context.log.warning("could not cache the client registration: " + saved.error().message);
    }
    return made;
}

Result<aws::DeviceAuthorization> start_authorization(const config::SsoSettings& sso,
                                                     const cache::SsoRegistration& client,
                                                     const SignInContext& context) {
    aws::StartDeviceAuthorizationRequest request{sso.region, client.client_id, client.client_secret, sso.start_url};
    TRY(auto answer, context.oidc.start_device_authorization(request));
    if (answer.device_code.empty() || answer.user_code.empty() || answer.verification_uri.empty() ||
        answer.expires_in <= 0) {
        return make_error(Errc::network, "SSO-OIDC StartDeviceAuthorization answered without a device code, user "
                                         "code, verification URI or lifetime");
    }
    answer.expires_in = std::min(answer.expires_in, k_max_code_lifetime);
    answer.interval = answer.interval <= 0 ? 5 : std::min(answer.interval, k_max_interval);
    return answer;
}

void tell_user(const config::SsoSettings& sso, const aws::DeviceAuthorization& authorization,
               const SignInContext& context) {
    context.ui.show("awsume-shell: to sign in to " + util::printable(sso_session_words(sso)) + ", open\n    " +
                    util::printable(authorization.verification_uri) + "\nand enter the code\n    " +
                    util::printable(authorization.user_code) + "\n(it expires in " +
                    std::to_string((authorization.expires_in + 59) / 60) + " min)\n");
    const std::string& complete = authorization.verification_uri_complete;
    const std::string url = is_web_url(complete) ? complete : authorization.verification_uri;
    if (is_web_url(url)) {
        context.ui.open_browser(url);
    } else {
        context.ui.show("awsume-shell: note: not opening a browser for a URL that is not http(s)\n");
    }
}

Result<aws::OidcToken> poll_for_token(const config::SsoSettings& sso, const cache::SsoRegistration& client,
                                      const aws::DeviceAuthorization& authorization, const SignInContext& context) {
    const util::UnixTime deadline = context.clock.now() + authorization.expires_in;
    long interval = authorization.interval;
    int network_failures = 0;
    aws::CreateTokenRequest request;
    request.region = sso.region;
    request.client_id = client.client_id;
    request.client_secret = client.client_secret;
    request.grant_type = aws::k_device_code_grant;
    request.device_code = authorization.device_code;
    const auto expired = [&] {
        return make_error(Errc::sign_in, sso_who(sso) + ": the sign-in code for " + sso_session_words(sso) +
                                             " expired before it was approved: run `" + sso_login_command(sso) +
                                             "` again");
    };
    for (;;) {
        if (!context.sleeper.sleep_for(interval)) {
            return interrupted();
        }
        if (context.clock.now() >= deadline) {
            return expired();
        }
        auto token = context.oidc.create_token(request);
        if (token) {
            return token;
        }
        const Error& error = token.error();
        if (error.code == Errc::network && ++network_failures < k_max_network_failures) {
            continue;
        }
        if (error.code != Errc::aws) {
            return unexpected(error);
        }
        network_failures = 0;
        if (error.aws_code == "AuthorizationPendingException") {
            continue;
        }
        if (error.aws_code == "SlowDownException") {
            interval = std::min(interval + k_slow_down_step, k_max_interval);
            context.log.debug("SSO-OIDC asked to slow down: polling every " + std::to_string(interval) + " s");
            continue;
        }
        if (error.aws_code == "ExpiredTokenException") {
            return expired();
        }
        if (error.aws_code == "AccessDeniedException") {
            return make_error(Errc::sign_in, sso_who(sso) + ": the sign-in to " + sso_session_words(sso) +
                                                 " was denied (AccessDeniedException)");
        }
        return unexpected(error);
    }
}

}  // namespace

std::string sso_who(const config::SsoSettings& sso) {
    return sso.profile.empty() ? "sso-session '" + sso.session_name + "'" : "profile '" + sso.profile + "'";
}

std::string sso_session_words(const config::SsoSettings& sso) {
    return sso.session_name.empty() ? "the IAM Identity Center sign-in to " + sso.start_url
                                    : "the IAM Identity Center session '" + sso.session_name + "'";
}

std::string sso_login_command(const config::SsoSettings& sso) {
    return sso.profile.empty() ? "awsume-shell login --sso-session " + sso.session_name
                               : "awsume-shell login " + sso.profile;
}

std::vector<std::string> sign_in_scopes(const config::SsoSettings& sso) {
    if (sso.session_name.empty()) {
        return {};
    }
    return sso.scopes.empty() ? std::vector<std::string>{k_default_sso_scope} : sso.scopes;
}

Result<cache::SsoToken> sign_in(const config::SsoSettings& sso, const SignInContext& context) {
    const std::vector<std::string> scopes = sign_in_scopes(sso);
    const std::string registration_path =
        cache::sso_registration_path(context.cache_dir, sso.start_url, sso.session_name, sso.region, scopes);
    TRY(auto client, registration(sso, scopes, registration_path, true, context));
    auto authorization = start_authorization(sso, client, context);
    if (!authorization && authorization.error().aws_code == "InvalidClientException") {
        // A cached client AWS no longer knows (revoked, or its secret expired early).
        context.log.debug("the cached client registration was refused: registering a new one");
        TRY(client, registration(sso, scopes, registration_path, false, context));
        authorization = start_authorization(sso, client, context);
    }
    if (!authorization) {
        return unexpected(authorization.error());
    }
    tell_user(sso, *authorization, context);
    TRY(auto answer, poll_for_token(sso, client, *authorization, context));  // token and lifetime checked by the client
    cache::SsoToken token;
    token.start_url = sso.start_url;
    token.region = sso.region;
    token.access_token = answer.access_token;
    token.expires_at = context.clock.now() + answer.expires_in;
    token.client_id = client.client_id;
    token.client_secret = client.client_secret;
    token.registration_expires_at = client.expires_at;
    token.refresh_token = answer.refresh_token;
    const std::string path = cache::sso_token_path(context.cache_dir, sso.token_key());
    TRY_VOID(cache::write_sso_token(path, token));
    return token;
}

Result<util::FileLock> lock_sign_in(const config::SsoSettings& sso, const std::string& token_path, SignInUi* ui,
                                    bool& waited) {
    waited = false;
    // A refresh (a fraction of a second) is waited for quietly; only a longer wait, a
    // sign-in in another window, is said.
    constexpr long k_quiet_wait_ms = 3000;
    auto lock = cache::lock_sso_token(token_path, 0);
    if (lock || !util::is_lock_timeout(lock.error())) {
        return lock;
    }
    waited = true;
    lock = util::acquire_saying_long_waits(
        [&](long timeout_ms) { return cache::lock_sso_token(token_path, timeout_ms); }, k_quiet_wait_ms,
        k_quiet_wait_ms + k_sign_in_wait_seconds * 1000, [&] {
            if (ui != nullptr) {
                ui->show("awsume-shell: waiting for the sign-in to " + util::printable(sso_session_words(sso)) +
                         " that another awsume-shell runs (in another window?)\n");
            }
        });
    if (!lock && util::is_lock_timeout(lock.error())) {
        return make_error(Errc::io, sso_who(sso) + ": waited " + std::to_string(k_sign_in_wait_seconds / 60) +
                                        " minutes for the sign-in another awsume-shell runs (lock " + token_path +
                                        ".lock)");
    }
    return lock;
}

SignInSleeper::SignInSleeper() : m_interrupt({SIGINT}, on_sigint) { g_interrupted = 0; }

bool SignInSleeper::sleep_for(long seconds) {
    // SIGINT is the only signal with a handler here: a cut-short sleep is Ctrl-C.
    return !g_interrupted && m_system.sleep_for(seconds) && !g_interrupted;
}

TerminalSignInUi::TerminalSignInUi(int fd, const util::Env& env, bool use_browser)
    : m_fd(fd), m_env(env), m_use_browser(use_browser) {}

void TerminalSignInUi::show(std::string_view text) { (void)util::write_all(m_fd, text); }

void TerminalSignInUi::open_browser(const std::string& url) {
    if (!m_use_browser) {
        return;
    }
    auto opened = util::open_in_browser(url, m_env);
    if (opened) {
        show("awsume-shell: opened the browser (" + util::printable(*opened) + ")\n");
    } else {
        show("awsume-shell: note: " + util::printable(opened.error().message) + "; open the URL yourself\n");
    }
}

std::unique_ptr<SignInTerminal> SignInTerminal::open(const util::Env& env) {
    const int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        return nullptr;
    }
    return std::unique_ptr<SignInTerminal>(new SignInTerminal(fd, env));
}

SignInTerminal::~SignInTerminal() { ::close(m_fd); }

}  // namespace awsume_shell::credentials
