#pragma once
/// -a/--auto-refresh: a detached background process keeps the -o output profile fresh,
/// renewing the role credentials through the cached MFA session shortly before they
/// expire, until that is no longer possible without a new MFA code (awsume's autoawsume).

#include "awsume_shell/cli/credential_options.hpp"

namespace awsume_shell::cli {

/// Forks the refresher and returns at once in the caller. Its log is
/// ~/.awsume-shell/auto-refresh-<output profile>.log.
Result<void> start_auto_refresh(const CredentialOptions& options, const Context& context,
                                util::UnixTime expires);

}  // namespace awsume_shell::cli
