// libawsume-shell-aws.so: everything that needs libcurl/OpenSSL/expat, behind a version and
// a factory. The wiring lives in the static library (make_default_aws_clients) so that no
// template of the standard library is instantiated here, where it would be exported with
// default visibility.
#include "awsume_shell/aws/api.hpp"
#include "awsume_shell/aws/aws_api.hpp"
#include "awsume_shell/aws/module_version.hpp"

// The loader's first look-up (module_version.hpp): which build this module comes from.
extern "C" __attribute__((visibility("default"))) const char* awsume_shell_aws_module_version() {
    return awsume_shell::aws::k_module_version;
}

extern "C" __attribute__((visibility("default"))) int awsume_shell_create_aws_clients(
    const awsume_shell::aws::ClientOptions* options, awsume_shell::aws::Clients* out) {
    namespace aws = awsume_shell::aws;
    // No exception may cross into the binary: allocation failure becomes nonzero.
    try {
        if (options == nullptr || out == nullptr) {
            return 1;
        }
        aws::make_default_aws_clients(*options, *out);
        return 0;
    } catch (...) {
        return 1;
    }
}

// provision-mfa's QR encoder (src/mfa/qr_encode.cpp). Defined here, not there: the module
// is linked with --exclude-libs,ALL, which hides every symbol that comes from a static
// library, and an archive member nobody references would not be linked in at all.
#include "awsume_shell/mfa/qr_encode.hpp"

extern "C" __attribute__((visibility("default"))) int awsume_shell_qr_encode(
    const char* text, unsigned char* out_modules, int out_capacity, int* out_size) {
    return awsume_shell::mfa::qr_encode_modules(text, out_modules, out_capacity, out_size);
}
