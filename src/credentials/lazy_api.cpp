#include "awsume_shell/aws/api_loader.hpp"
#include "awsume_shell/credentials/services.hpp"

namespace awsume_shell::credentials {

Result<const aws::Clients*> LazyApi::clients() {
    if (!m_clients) {
        TRY(auto clients, aws::load_clients(m_options));
        m_clients = std::move(clients);
    }
    return &*m_clients;
}

namespace {

/// A service the clients lack: a test that left it out, never the module (it makes all).
template <class Service>
Result<Service*> present(const std::shared_ptr<Service>& service, const char* name) {
    if (!service) {
        return make_error(Errc::io, std::string("no AWS ") + name + " client");
    }
    return service.get();
}

}  // namespace

Result<aws::Sts*> LazyApi::sts() {
    TRY(const aws::Clients* clients, this->clients());
    return present(clients->sts, "STS");
}

Result<aws::Iam*> LazyApi::iam() {
    TRY(const aws::Clients* clients, this->clients());
    return present(clients->iam, "IAM");
}

Result<aws::SsoPortal*> LazyApi::sso_portal() {
    TRY(const aws::Clients* clients, this->clients());
    return present(clients->sso_portal, "SSO portal");
}

Result<aws::SsoOidc*> LazyApi::sso_oidc() {
    TRY(const aws::Clients* clients, this->clients());
    return present(clients->sso_oidc, "SSO-OIDC");
}

Result<aws::Metadata*> LazyApi::metadata() {
    TRY(const aws::Clients* clients, this->clients());
    return present(clients->metadata, "metadata");
}

}  // namespace awsume_shell::credentials
