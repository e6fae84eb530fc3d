#pragma once
/// The bearer token of an IAM Identity Center session, shared with the AWS CLI through
/// ~/.aws/sso/cache/<sha1 of token_key()>.json.

#include <string>

#include "awsume_shell/config/sso_settings.hpp"
#include "awsume_shell/credentials/services.hpp"
#include "awsume_shell/credentials/sso_login.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::credentials {

/// A token with more than 15 minutes left: the cached one; else refreshed through SSO-OIDC
/// (refresh_token grant) and written back atomically, keeping the fields it does not know;
/// else the old token with a warning while it has not expired (as botocore does after a
/// refused or impossible refresh; after a network failure too, where botocore raises); else, on
/// a terminal, a new sign-in (the `login` flow, one per session at a time); else the exit-3
/// error "profile 'P': the IAM Identity Center session ... run `awsume-shell login P`".
/// `refused`: the token the portal has just refused (UnauthorizedException), never
/// returned again: a refresh or a sign-in replaces it.
/// Refreshes and sign-ins take the session's lock (lock_sign_in): ten processes that start
/// together with an expired token make one. Errc::sign_in (exit 3) without a terminal.
Result<std::string> sso_access_token(const config::SsoSettings& sso, Services& services,
                                     const std::string& refused = {});

/// The same with the terminal and the sleep given, for tests: `terminal` null is "no
/// terminal"; `sleeper` null is the system's, with Ctrl-C caught (SignInSleeper).
Result<std::string> sso_access_token(const config::SsoSettings& sso, Services& services, SignInUi* terminal,
                                     util::Sleeper* sleeper, const std::string& refused = {});

}  // namespace awsume_shell::credentials
