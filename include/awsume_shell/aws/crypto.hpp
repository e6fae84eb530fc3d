#pragma once
/// The hashing SigV4 needs. OpenSSL stays behind this header (src/aws/crypto.cpp).

#include <string>
#include <string_view>

namespace awsume_shell::aws {

/// Lower-case hex of SHA-256(data).
std::string sha256_hex(std::string_view data);
/// Raw 32-byte HMAC-SHA256(key, data).
std::string hmac_sha256(std::string_view key, std::string_view data);
/// Lower-case hex of arbitrary bytes.
std::string hex_encode(std::string_view bytes);

}  // namespace awsume_shell::aws
