// The only file that talks to libqrencode. Compiled into the AWS module (see CMakeLists.txt:
// src/mfa/qr*.cpp), never into the main binary.
#include "awsume_shell/mfa/qr_encode.hpp"

#include <qrencode.h>

#include <cstring>

namespace awsume_shell::mfa {

int qr_encode_modules(const char* text, unsigned char* out_modules, int out_capacity,
                      int* out_size) {
    if (text == nullptr || out_size == nullptr) {
        return 3;
    }
    // Level M: a phone reads it through glare and a terminal's line gaps, and an otpauth
    // URI (~100 bytes) still fits in version 5-6, small enough for an 80x24 terminal.
    // 8-bit mode keeps lower-case letters and '?&=' verbatim; version 0 = smallest that fits.
    QRcode* code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
    if (code == nullptr) {
        return std::strlen(text) > 2000 ? 2 : 3;
    }
    const int size = code->width;
    *out_size = size;
    if (out_modules == nullptr || out_capacity < size * size) {
        QRcode_free(code);
        return 1;
    }
    // libqrencode's byte per module: bit 0 says dark; the other bits are its bookkeeping.
    for (int i = 0; i < size * size; ++i) {
        out_modules[i] = static_cast<unsigned char>(code->data[i] & 1U);
    }
    QRcode_free(code);
    return 0;
}

}  // namespace awsume_shell::mfa
