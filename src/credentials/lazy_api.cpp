#include "awsume_shell/aws/api_loader.hpp"
#include "awsume_shell/credentials/services.hpp"

namespace awsume_shell::credentials {

Result<aws::Api*> LazyApi::get() {
    if (!m_api) {
        TRY(auto api, aws::load_api(m_options));
        m_api = std::move(api);
    }
    return m_api.get();
}

}  // namespace awsume_shell::credentials
