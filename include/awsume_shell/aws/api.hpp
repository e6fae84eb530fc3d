#pragma once
/// What the rest of awsume-shell needs from AWS: one small interface per service (sts.hpp,
/// iam.hpp, sso.hpp, metadata.hpp), so that a caller, and a fake, deals only with the service it uses; here how
/// to reach AWS and the services of one command.
///
/// The implementation (SigV4, libcurl, OpenSSL, XML) lives in a separate shared module,
/// libawsume-shell-aws.so, that the binary dlopen()s only when it must talk to AWS
/// (see api_loader.hpp). A cache hit therefore never pays for loading ~33 libraries.

#include <memory>
#include <optional>
#include <string>

#include "awsume_shell/aws/iam.hpp"
#include "awsume_shell/aws/metadata.hpp"
#include "awsume_shell/aws/sso.hpp"
#include "awsume_shell/aws/sts.hpp"
#include "awsume_shell/util/env.hpp"

namespace awsume_shell::aws {

/// Where and how to reach AWS. Endpoint choice follows the contract's "Endpoints":
/// AWS_ENDPOINT_URL_STS / _IAM, then AWS_ENDPOINT_URL, then profile endpoint_url, then
/// regional STS (global without region) and the partition's IAM endpoint.
struct ClientOptions {
    util::Env env;                             ///< for AWS_ENDPOINT_URL*, AWS_CA_BUNDLE
    std::string region;                        ///< may be empty
    std::optional<std::string> endpoint_url;   ///< the profile's endpoint_url
    std::optional<std::string> ca_bundle;      ///< the profile's ca_bundle (AWS_CA_BUNDLE wins)
    std::string partition = "aws";             ///< from the role ARN when known
    long connect_timeout_ms = 4000;
    long read_timeout_ms = 10000;     ///< an attempt that receives nothing for this long ends
    long total_timeout_ms = 30000;    ///< one attempt at most (AWSUME_SHELL_HTTP_TIMEOUT_MS)
    long network_timeout_ms = 30000;  ///< all calls of the command together (network_timeout)
    int max_attempts = 3;                      ///< SDK "standard" retry mode
    bool debug = false;                        ///< trace requests to stderr, secrets redacted
};

/// The services of one command. They share one connection pool and one network deadline
/// (ClientOptions::network_timeout_ms covers all their calls together), hence made together.
/// A new service is one header like sts.hpp and one member here (and a bump of
/// AWSUME_SHELL_AWS_MODULE_ABI, module_version.hpp).
struct Clients {
    std::shared_ptr<Sts> sts = nullptr;
    std::shared_ptr<Iam> iam = nullptr;
    std::shared_ptr<SsoPortal> sso_portal = nullptr;
    std::shared_ptr<SsoOidc> sso_oidc = nullptr;
    std::shared_ptr<Metadata> metadata = nullptr;
};

}  // namespace awsume_shell::aws

/// The module's factory (after awsume_shell_aws_module_version, module_version.hpp): fills
/// `out`; returns 0, or nonzero only on allocation failure.
extern "C" int awsume_shell_create_aws_clients(const awsume_shell::aws::ClientOptions* options,
                                               awsume_shell::aws::Clients* out);
