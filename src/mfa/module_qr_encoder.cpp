// Kept apart from encode_qr.cpp so that unit tests, which never load the AWS module, do not
// pull in the loader.
#include "awsume_shell/aws/api_loader.hpp"
#include "awsume_shell/mfa/qr_encode.hpp"

namespace awsume_shell::mfa {

QrEncoder module_qr_encoder() {
    return [](const std::string& text) -> Result<QrMatrix> {
        TRY(void* symbol, aws::find_module_symbol(k_qr_encode_symbol));
        return encode_with(reinterpret_cast<AwsumeShellQrEncodeFn>(symbol), text);
    };
}

}  // namespace awsume_shell::mfa
