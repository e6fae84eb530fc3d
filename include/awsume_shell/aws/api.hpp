#pragma once
/// What the rest of awsume-shell needs from AWS: one small interface per service (Sts,
/// Iam), so that a caller, and a fake, deals only with the service it uses.
///
/// The implementation (SigV4, libcurl, OpenSSL, XML) lives in a separate shared module,
/// libawsume-shell-aws.so, that the binary dlopen()s only when it must talk to AWS
/// (see api_loader.hpp). A cache hit therefore never pays for loading ~33 libraries.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "awsume_shell/model/credentials.hpp"
#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/result.hpp"

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

struct GetSessionTokenRequest {
    std::optional<int> duration_seconds;
    std::optional<std::string> serial_number;
    std::optional<std::string> token_code;
};

struct AssumeRoleRequest {
    std::string role_arn;
    std::string role_session_name;
    std::optional<int> duration_seconds;
    std::optional<std::string> external_id;
    std::optional<std::string> serial_number;
    std::optional<std::string> token_code;
};

struct CallerIdentity {
    std::string account;
    std::string arn;
    std::string user_id;
};

struct IamUser {
    std::string user_name;
    std::string user_id;
    std::string arn;
};

struct MfaDevice {
    std::string user_name;
    std::string serial_number;
};

struct VirtualMfaDevice {
    std::string serial_number;   ///< arn:aws:iam::ACCOUNT:mfa/NAME
    std::string base32_seed;     ///< the secret; never log
};

// Errors of every service: Errc::aws with aws_code set and message "CODE: AWS's message"
// for AWS error documents; Errc::mfa for a rejected MFA code; Errc::network for transport
// trouble after retries are exhausted.

class Sts {
public:
    virtual ~Sts() = default;

    virtual Result<model::Credentials> get_session_token(
        const model::Credentials& caller, const GetSessionTokenRequest& request) = 0;
    virtual Result<model::Credentials> assume_role(
        const model::Credentials& caller, const AssumeRoleRequest& request) = 0;
    virtual Result<CallerIdentity> get_caller_identity(const model::Credentials& caller) = 0;
};

class Iam {
public:
    virtual ~Iam() = default;

    virtual Result<IamUser> get_user(const model::Credentials& caller) = 0;
    virtual Result<std::vector<MfaDevice>> list_mfa_devices(
        const model::Credentials& caller, const std::optional<std::string>& user_name) = 0;
    virtual Result<VirtualMfaDevice> create_virtual_mfa_device(
        const model::Credentials& caller, const std::string& device_name) = 0;
    virtual Result<void> enable_mfa_device(const model::Credentials& caller,
                                           const std::string& user_name,
                                           const std::string& serial_number,
                                           const std::string& code1, const std::string& code2) = 0;
    virtual Result<void> delete_virtual_mfa_device(const model::Credentials& caller,
                                                   const std::string& serial_number) = 0;
};

/// The services of one command. They share one connection pool and one network deadline
/// (ClientOptions::network_timeout_ms covers all their calls together), hence made together.
/// A new service is one interface above and one member here (bump k_module_abi).
struct Clients {
    std::shared_ptr<Sts> sts;
    std::shared_ptr<Iam> iam;
};

}  // namespace awsume_shell::aws

/// The module's factory (after awsume_shell_aws_module_version, module_version.hpp): fills
/// `out`; returns 0, or nonzero only on allocation failure.
extern "C" int awsume_shell_create_aws_clients(const awsume_shell::aws::ClientOptions* options,
                                               awsume_shell::aws::Clients* out);
