#pragma once
/// aws::Metadata over an HttpClient: IMDSv2 (with the v1 fallback) and the container
/// credentials endpoint, as the AWS SDKs call them. No SigV4 and no shared network deadline:
/// each request has its own short timeout, so an absent service fails within about a second.

#include "awsume_shell/aws/http_client.hpp"
#include "awsume_shell/aws/metadata.hpp"
#include "awsume_shell/aws/query_caller.hpp"
#include "awsume_shell/aws/retry.hpp"

namespace awsume_shell::aws {

/// The largest answer taken from a metadata service: a credentials document is under 2 KiB.
inline constexpr std::size_t k_max_metadata_answer_bytes = 64u << 10;
/// Tries per request. Only a service that answered (HTTP 5xx or 429) is tried again: one that
/// does not answer at all is absent, and waiting for it again would not make it appear.
inline constexpr int k_metadata_attempts = 2;
/// The session token's lifetime asked for, as the SDKs ask (6 h, IMDS's maximum).
inline constexpr const char* k_imds_token_ttl_seconds = "21600";

class MetadataClient final : public Metadata {
public:
    /// `hooks.sleep` waits between tries; `debug` (may be empty) gets one line per request,
    /// never a token, header value or secret.
    MetadataClient(HttpClient& http, RetryHooks hooks, DebugSink debug)
        : m_http(http), m_hooks(std::move(hooks)), m_debug(std::move(debug)) {}

    Result<model::Credentials> instance_credentials(const InstanceCredentialsRequest& request) override;
    Result<model::Credentials> container_credentials(const ContainerCredentialsRequest& request) override;

private:
    Result<HttpResponse> send(HttpRequest request, const std::string& what);

    HttpClient& m_http;
    RetryHooks m_hooks;
    DebugSink m_debug;
};

/// An IMDS security-credentials document ({"Code": "Success", "AccessKeyId", ...}); `from`
/// names the source in errors.
Result<model::Credentials> parse_instance_credentials(const std::string& body, const std::string& from);
/// A container credentials document ({"AccessKeyId", "SecretAccessKey", "Token", "Expiration"}).
Result<model::Credentials> parse_container_credentials(const std::string& body, const std::string& from);

}  // namespace awsume_shell::aws
