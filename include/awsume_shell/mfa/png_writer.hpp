#pragma once
/// A minimal PNG encoder for QR codes (--qr-png): 1-bit grayscale, stored (uncompressed)
/// deflate blocks, own CRC-32 and Adler-32. No zlib or libpng in the main binary; the
/// images are a few kilobytes, so compression would buy nothing.

#include <cstdint>
#include <string>
#include <string_view>

#include "awsume_shell/mfa/qr_matrix.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::mfa {

/// PNG bytes of the code, black on white, k_quiet_zone margin, `scale` pixels per module.
std::string encode_qr_png(const QrMatrix& matrix, int scale = 8);

/// Writes encode_qr_png() to `path`, mode 0600, atomically (the image holds the MFA seed).
Result<void> write_qr_png(const std::string& path, const QrMatrix& matrix);

/// Exposed for tests.
std::uint32_t crc32(std::string_view bytes);
std::uint32_t adler32(std::string_view bytes);

}  // namespace awsume_shell::mfa
