#pragma once
/// Where STS, IAM and the SSO services live, per the contract's "Endpoints" and "Credential
/// sources". Pure: the environment comes in
/// ClientOptions::env.

#include <string>

#include "awsume_shell/aws/api.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::aws {

struct Endpoint {
    std::string url;             ///< scheme://host[:port]/path, as requests go to it
    std::string host;            ///< Host header value: host[:port]
    std::string path;            ///< "/" unless the custom URL has one
    std::string signing_region;  ///< the SigV4 credential scope's region
};

/// AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, endpoint_url, else regional (global without one).
Result<Endpoint> sts_endpoint(const ClientOptions& options);
/// AWS_ENDPOINT_URL_IAM, AWS_ENDPOINT_URL, else the partition's global IAM endpoint.
Result<Endpoint> iam_endpoint(const ClientOptions& options);

/// The IAM Identity Center portal in `sso_region`: AWS_ENDPOINT_URL_SSO, AWS_ENDPOINT_URL,
/// else https://portal.sso.REGION.amazonaws.com (never the profile's endpoint_url, which is
/// STS's). Errc::config for a region that is no region name.
Result<Endpoint> sso_portal_endpoint(const ClientOptions& options, const std::string& sso_region);
/// SSO-OIDC: AWS_ENDPOINT_URL_SSO_OIDC, AWS_ENDPOINT_URL, else https://oidc.REGION.amazonaws.com.
Result<Endpoint> sso_oidc_endpoint(const ClientOptions& options, const std::string& sso_region);

/// Parses an endpoint URL; plain http:// only for loopback hosts. `setting` names where the
/// URL came from, for the Errc::config message.
Result<Endpoint> parse_endpoint_url(const std::string& url, const std::string& setting,
                                    const std::string& signing_region);
/// Host names compare without case: ASCII lower case.
/// `base` without its trailing slashes, then `path` ("/token"): an endpoint URL set as
/// "http://host:port/" joins as "http://host:port/token".
std::string join_url(std::string_view base, std::string_view path);

std::string ascii_lower(std::string text);
/// 127.0.0.0/8, ::1 and localhost.
bool is_loopback_host(const std::string& host);
/// "aws", "aws-cn" or "aws-us-gov": the options' partition, else guessed from the region.
std::string partition_of(const ClientOptions& options);

}  // namespace awsume_shell::aws
