#pragma once
/// Which proxy a request goes through, decided here per endpoint rather than by libcurl's
/// own reading of the environment: signed requests and the credentials in their answers
/// must not take a detour the user did not mean.
///  - loopback endpoints (127.0.0.0/8, ::1, localhost): never a proxy;
///  - NO_PROXY / no_proxy (the forms curl and botocore accept): "*", host names and domain
///    suffixes with or without a leading dot, host:port, IP addresses, CIDR ranges;
///  - https://: https_proxy / HTTPS_PROXY, else all_proxy / ALL_PROXY (the lower-case name
///    first, as curl reads them; an empty value is unset);
///  - http://: never through a proxy (a plain-text signed request would cross the network);
///    refused with Errc::config. (Endpoints only allow http:// on loopback anyway.)

#include <string>

#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::aws {

/// The proxy URL for a request to `url`, "" for a direct connection.
Result<std::string> proxy_for(const std::string& url, const util::Env& env);

/// `proxy` fit for a message: its user:password replaced by "***", control characters by '?'.
std::string redact_proxy(const std::string& proxy);

}  // namespace awsume_shell::aws
