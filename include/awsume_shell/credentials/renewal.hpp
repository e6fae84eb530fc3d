#pragma once
/// When a process that keeps credentials fresh without a terminal (the -a refresher, the
/// credentials server) tries again after a failed renewal, and which failures are worth
/// another try at all. One rule for both, so that they give up on the same errors.

#include "awsume_shell/util/result.hpp"

namespace awsume_shell::credentials {

/// Never two renewals closer than this, whatever the credentials' lifetime: credentials
/// shorter than the margin would otherwise be renewed in a loop.
constexpr long k_renewal_floor = 30;

/// Wait after the `failures`-th failure in a row: 30 s, doubling, at most 10 min.
long retry_delay(int failures);

/// Network trouble, throttling, AWS's own 5xx, a busy lock: worth another try later.
/// A refused MFA session, a denied role or a broken profile is not.
bool is_transient(const Error& error);

/// A new MFA code or an IAM Identity Center sign-in would be needed: only the user, at a
/// terminal, can renew (awsume-shell-refresh, or any command run there).
bool needs_the_user(const Error& error);

}  // namespace awsume_shell::credentials
