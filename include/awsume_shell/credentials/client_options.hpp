#pragma once
/// The one place an aws::ClientOptions is made, for the credential pipeline, status and
/// provision-mfa alike, so that every command reaches AWS with the same timeouts, the same
/// AWSUME_SHELL_HTTP_TIMEOUT_MS and the same debug setting.

#include <optional>
#include <string>

#include "awsume_shell/aws/api.hpp"
#include "awsume_shell/credentials/obtain.hpp"

namespace awsume_shell::credentials {

/// Where a command's calls go; what differs from command to command.
struct AwsTarget {
    std::string region;                       ///< may be empty
    std::optional<std::string> endpoint_url;  ///< the profile's endpoint_url
    std::optional<std::string> ca_bundle;     ///< the profile's ca_bundle
    std::string partition = "aws";            ///< from the role ARN when known
};

/// The target, network_timeout of the tool settings, AWSUME_SHELL_HTTP_TIMEOUT_MS (the
/// per-attempt bound, for slow links and for tests of a hanging endpoint; Errc::usage when
/// it is not a positive number of milliseconds), and request tracing when the log's debug
/// output is on.
Result<aws::ClientOptions> make_client_options(const Environment& environment, AwsTarget target);

}  // namespace awsume_shell::credentials
