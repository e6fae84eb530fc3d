#pragma once
/// Where the metadata sources fetch from, and what may be sent there: the SDKs' rules for the
/// EC2 instance metadata endpoint (its variables and profile keys) and for the container
/// credentials URL (RELATIVE_URI / FULL_URI with the host rules, the authorization token).
/// Checked before any connection: a refused URL is never contacted.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::credentials {

inline constexpr const char* k_imds_ipv4_endpoint = "http://169.254.169.254";
inline constexpr const char* k_imds_ipv6_endpoint = "http://[fd00:ec2::254]";
inline constexpr const char* k_container_relative_base = "http://169.254.170.2";
/// The largest authorization token file read (EKS Pod Identity tokens are JWTs of ~1-2 KiB).
inline constexpr std::size_t k_max_container_token_bytes = 16u << 10;

/// A profile's settings as source_rules put them in Hop::settings ("KEY" and "KEY.origin").
using SourceSettings = std::map<std::string, std::string>;

/// "true" in any case, as botocore reads its boolean variables.
bool is_true(const std::optional<std::string>& value);

/// AWS_EC2_METADATA_SERVICE_ENDPOINT, else the profile's ec2_metadata_service_endpoint, else
/// by AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE / ec2_metadata_service_endpoint_mode (IPv4,
/// IPv6; any case) the IPv4 or IPv6 address. Errc::config naming the variable or file:line
/// for an endpoint that is not an http(s) URL or an unknown mode.
Result<std::string> imds_endpoint(const util::Env& env, const SourceSettings& settings);

/// AWS_EC2_METADATA_V1_DISABLED, else the profile's ec2_metadata_v1_disabled.
bool imds_v1_disabled(const util::Env& env, const SourceSettings& settings);

/// The parts of an http(s) URL the host rules look at.
struct UrlParts {
    std::string scheme;  ///< lower case
    std::string host;    ///< lower case, IPv6 without its brackets
};
/// nullopt for anything but scheme://host[:port][/path...] without user info, white space,
/// control characters or backslashes (spellings that parsers read differently).
std::optional<UrlParts> split_url(std::string_view url);

/// The hosts FULL_URI may name over plain http: loopback (127.0.0.0/8, ::1, "localhost"),
/// the ECS agent 169.254.170.2, EKS Pod Identity 169.254.170.23 and fd00:ec2::23.
bool is_allowed_container_http_host(std::string_view host);

/// AWS_CONTAINER_CREDENTIALS_RELATIVE_URI on http://169.254.170.2, else
/// AWS_CONTAINER_CREDENTIALS_FULL_URI (https anywhere, http to the hosts above). Errc::config
/// naming the variable when neither is set or the URL is refused.
Result<std::string> container_credentials_url(const util::Env& env);

/// The Authorization header: the contents of AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read
/// now, at most k_max_container_token_bytes, trailing line ends dropped), else
/// AWS_CONTAINER_AUTHORIZATION_TOKEN, else none. Errc::config (or io for an unreadable
/// file) naming the variable for a token holding CR, LF or other control characters.
Result<std::optional<std::string>> container_authorization(const util::Env& env);

}  // namespace awsume_shell::credentials
