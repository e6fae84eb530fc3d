#pragma once
/// -a/--auto-refresh: a detached background process keeps the -o output profile fresh,
/// renewing the role credentials through the cached MFA session shortly before they
/// expire, until that is no longer possible without a new MFA code (awsume's autoawsume).
/// One refresher per output profile: the newest request replaces a running one (see
/// refresher_registry.hpp and docs/auto-refresh.md).

#include "awsume_shell/cli/credential_options.hpp"

namespace awsume_shell::cli {

/// Renewal this long before expiry (the contract's "5 minutes before expiry").
constexpr long k_refresh_margin = 300;
/// Never two renewals closer than this, whatever the credentials' lifetime: credentials
/// shorter than the margin would otherwise be renewed in a loop.
constexpr long k_refresh_floor = 30;
/// After this many failed renewals in a row (about 1.5 h of retries) the refresher stops.
constexpr int k_refresh_max_failures = 10;

/// When to renew credentials that expire at `expires`: `k_refresh_margin` before, but not
/// sooner than `k_refresh_floor` from `now`.
util::UnixTime next_refresh_at(util::UnixTime now, util::UnixTime expires);
/// Wait after the `failures`-th failure in a row: 30 s, doubling, at most 10 min.
long retry_delay(int failures);
/// Network trouble, throttling, AWS's own 5xx, a busy lock: worth another try later.
/// A refused MFA session, a denied role or a broken profile is not.
bool is_transient(const Error& error);

/// Starts the refresher (re-exec'ed as `awsume-shell auto-refresh --serve`, the request
/// handed over on a pipe, so that no option is visible in its command line) and returns
/// at once in the caller. Its log is ~/.awsume-shell/auto-refresh-<output profile>.log.
Result<void> start_auto_refresh(const model::Request& request, const Context& context,
                                util::UnixTime expires);

/// `auto-refresh --serve`: the refresher itself. Reads its request from stdin, takes over
/// the output profile's lock, renews until stopped (SIGTERM, SIGHUP, SIGINT) or until a
/// renewal fails for good. Returns the exit status.
int serve_auto_refresh(Context& context);

}  // namespace awsume_shell::cli
