// Main-binary side of QR encoding: converts the module's plain-C answer into a QrMatrix.
// (Named encode_qr, not qr_*, so that CMake keeps it out of the AWS module.)
#include "awsume_shell/mfa/qr_encode.hpp"

#include <string>
#include <vector>

namespace awsume_shell::mfa {

Result<QrMatrix> encode_with(AwsumeShellQrEncodeFn fn, const std::string& text) {
    std::vector<unsigned char> modules(static_cast<std::size_t>(k_max_qr_size * k_max_qr_size));
    int size = 0;
    const int rc = fn(text.c_str(), modules.data(), static_cast<int>(modules.size()), &size);
    if (rc == 2) {
        return make_error(Errc::usage, "QR code: text of " + std::to_string(text.size()) +
                                           " bytes is too long to encode");
    }
    if (rc != 0 || size <= 0 || size > k_max_qr_size) {
        return make_error(Errc::io, "QR code: encoding failed (code " + std::to_string(rc) + ")");
    }
    QrMatrix matrix;
    matrix.size = size;
    matrix.dark.resize(static_cast<std::size_t>(size) * static_cast<std::size_t>(size));
    for (std::size_t i = 0; i < matrix.dark.size(); ++i) {
        matrix.dark[i] = modules[i] != 0;
    }
    return matrix;
}

}  // namespace awsume_shell::mfa
