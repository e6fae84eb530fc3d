#pragma once
/// SHA-1 (FIPS 180-4), only because the AWS CLI names its IAM Identity Center cache files
/// by it (~/.aws/sso/cache/<sha1-hex>.json). Not for security: nothing here is a MAC or a
/// signature. Our own small implementation because the binary must not link OpenSSL.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace awsume_shell::util {

using Sha1Digest = std::array<std::uint8_t, 20>;

Sha1Digest sha1(std::string_view data);
/// 40 lowercase hex digits, as Python's hashlib.sha1(...).hexdigest().
std::string sha1_hex(std::string_view data);

}  // namespace awsume_shell::util
