// libawsume-shell-aws.so: everything that needs libcurl/OpenSSL/expat, behind one symbol.
#include <memory>
#include <new>

#include "awsume_shell/aws/api.hpp"
#include "awsume_shell/aws/aws_api.hpp"
#include "awsume_shell/aws/http_client.hpp"

extern "C" __attribute__((visibility("default"))) awsume_shell::aws::Api*
awsume_shell_create_aws_api(const awsume_shell::aws::ClientOptions* options) {
    namespace aws = awsume_shell::aws;
    // No exception may cross into the binary: allocation failure becomes nullptr.
    try {
        const aws::ClientOptions defaults;
        const aws::ClientOptions& chosen = options != nullptr ? *options : defaults;
        return aws::make_aws_api(chosen, aws::make_curl_http_client(chosen),
                                 std::make_shared<awsume_shell::util::SystemClock>())
            .release();
    } catch (...) {
        return nullptr;
    }
}
