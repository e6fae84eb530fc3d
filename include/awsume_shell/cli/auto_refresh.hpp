#pragma once
/// -a/--auto-refresh: a detached background process keeps the -o output profile fresh,
/// renewing the role credentials through the cached MFA session shortly before they
/// expire, until that is no longer possible without a new MFA code (awsume's autoawsume).
/// One refresher per output profile: the newest request replaces a running one (see
/// refresher_registry.hpp and docs/auto-refresh.md).

#include "awsume_shell/cli/credential_options.hpp"
#include "awsume_shell/credentials/renewal.hpp"

namespace awsume_shell::cli {

/// Renewal this long before expiry (the contract's "5 minutes before expiry").
constexpr long k_refresh_margin = 300;
/// Never two renewals closer than this (credentials/renewal.hpp).
constexpr long k_refresh_floor = credentials::k_renewal_floor;
/// After this many failed renewals in a row (about 1.5 h of retries) the refresher stops.
constexpr int k_refresh_max_failures = 10;

/// When to renew credentials that expire at `expires`: `k_refresh_margin` before, but not
/// sooner than `k_refresh_floor` from `now`.
util::UnixTime next_refresh_at(util::UnixTime now, util::UnixTime expires);
/// The retry rule shared with the credentials server (credentials/renewal.hpp).
using credentials::is_transient;
using credentials::retry_delay;

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
