#pragma once
/// The AWS Query protocol: form-encoded requests, XML answers. Pure: strings in, typed
/// results out; tested with fixtures in tests/data/aws/.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "awsume_shell/aws/api.hpp"
#include "awsume_shell/aws/sigv4.hpp"
#include "awsume_shell/model/credentials.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::aws {

inline constexpr std::string_view k_sts_version = "2011-06-15";
inline constexpr std::string_view k_iam_version = "2010-05-08";

/// "Action=A&Version=V&Name=value..." with RFC 3986 encoding, in the given order.
std::string form_encode(std::string_view action, std::string_view version,
                        const NameValues& params);

/// AWS error document (<ErrorResponse><Error><Code/><Message/></Error>) as an Error:
/// Errc::aws "CODE: message" with aws_code; Errc::mfa for a rejected MFA code;
/// Errc::network "malformed response from HOST: HTTP N" when the body is no such document.
Error parse_error_response(std::string_view body, long http_status, const std::string& host);

/// Credentials inside <ACTIONResult><Credentials> (GetSessionToken, AssumeRole).
Result<model::Credentials> parse_credentials_response(std::string_view body,
                                                            std::string_view action,
                                                            const std::string& host);
Result<CallerIdentity> parse_caller_identity(std::string_view body, const std::string& host);
Result<IamUser> parse_get_user(std::string_view body, const std::string& host);

struct MfaDevicePage {
    std::vector<MfaDevice> devices;
    std::string marker;  ///< non-empty when IsTruncated
};
Result<MfaDevicePage> parse_list_mfa_devices(std::string_view body, const std::string& host);
/// The seed arrives base64-encoded; the result holds the base32 text itself.
Result<VirtualMfaDevice> parse_create_virtual_mfa_device(std::string_view body,
                                                         const std::string& host);
/// Actions that answer with only <ACTIONResponse><ResponseMetadata/>.
Result<void> parse_empty_response(std::string_view body, std::string_view action,
                                  const std::string& host);

/// Standard base64 (padding optional, whitespace skipped); nullopt on bad input.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace awsume_shell::aws
