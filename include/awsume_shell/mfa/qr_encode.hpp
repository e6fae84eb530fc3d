#pragma once
/// Turning text into a QrMatrix. The libqrencode call sits in the AWS module
/// (src/mfa/qr_encode.cpp); the main binary reaches it through a plain-C entry point found
/// with aws::find_module_symbol, so that starting awsume-shell never loads libqrencode.

#include <functional>
#include <string>

#include "awsume_shell/mfa/qr_matrix.hpp"
#include "awsume_shell/util/result.hpp"

/// Plain-C entry point exported by libawsume-shell-aws.so. Its definition lives in
/// src/aws_module/module.cpp (a one-line forwarder to mfa::qr_encode_modules): the module is
/// linked with --exclude-libs,ALL, which hides every symbol that comes from a static library.
/// Writes size*size bytes (row-major, 1 = dark) into out_modules and the side into *out_size.
/// Returns 0 on success, 1 when out_capacity is too small (*out_size tells the need),
/// 2 when the text cannot be encoded (too long), 3 on allocation failure / bad arguments.
extern "C" {
typedef int (*AwsumeShellQrEncodeFn)(const char* text, unsigned char* out_modules,
                                     int out_capacity, int* out_size);
int awsume_shell_qr_encode(const char* text, unsigned char* out_modules, int out_capacity,
                           int* out_size);
}
inline constexpr const char* k_qr_encode_symbol = "awsume_shell_qr_encode";

namespace awsume_shell::mfa {

/// Largest QR code (version 40): 177 modules per side.
inline constexpr int k_max_qr_size = 177;

/// The seam the provisioner draws through; tests hand in a fake or the direct encoder.
using QrEncoder = std::function<Result<QrMatrix>(const std::string& text)>;

/// Calls an AwsumeShellQrEncodeFn and converts its answer (pure apart from the call).
Result<QrMatrix> encode_with(AwsumeShellQrEncodeFn fn, const std::string& text);

/// Encoder that loads the AWS module and calls its entry point (main binary).
QrEncoder module_qr_encoder();

/// The libqrencode wrapper itself, in the AWS module only: level M, 8-bit, version auto.
/// Implementation of awsume_shell_qr_encode; also called directly by the aws unit tests.
int qr_encode_modules(const char* text, unsigned char* out_modules, int out_capacity,
                      int* out_size);

}  // namespace awsume_shell::mfa
