#pragma once
/// The metadata services of where awsume-shell runs: EC2's instance metadata (IMDS) and the
/// ECS/EKS container credentials endpoint. Plain HTTP, no SigV4; short timeouts (about a
/// second) because an absent service must fail fast.
///
/// Errors: Errc::network when the service does not answer (naming the endpoint), Errc::aws
/// for an answer that is an error or not credentials (naming the HTTP status / Code).

#include <optional>
#include <string>

#include "awsume_shell/model/credentials.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::aws {

/// Per request, for both services (the one place it is set): they are local to the host, or
/// absent. botocore waits 1 s for IMDS and 2 s for the container endpoint.
inline constexpr long k_metadata_timeout_ms = 1000;

struct InstanceCredentialsRequest {
    std::string endpoint;     ///< e.g. "http://169.254.169.254" (already chosen by the caller)
    bool v1_disabled = false;  ///< AWS_EC2_METADATA_V1_DISABLED / ec2_metadata_v1_disabled
    long timeout_ms = k_metadata_timeout_ms;
};

struct ContainerCredentialsRequest {
    std::string url;  ///< full URL, already checked against the SDKs' host rules by the caller
    std::optional<std::string> authorization;  ///< Authorization header value (secret)
    long timeout_ms = k_metadata_timeout_ms;
};

class Metadata {
public:
    virtual ~Metadata() = default;
    virtual Result<model::Credentials> instance_credentials(const InstanceCredentialsRequest& request) = 0;
    virtual Result<model::Credentials> container_credentials(const ContainerCredentialsRequest& request) = 0;
};

}  // namespace awsume_shell::aws
