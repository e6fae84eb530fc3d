#pragma once
/// What providers need from the outside world, passed down explicitly.

#include <memory>
#include <optional>

#include "awsume_shell/aws/api.hpp"
#include "awsume_shell/cache/store.hpp"
#include "awsume_shell/credentials/mfa_code_source.hpp"
#include "awsume_shell/util/clock.hpp"
#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/log.hpp"
#include "awsume_shell/util/process.hpp"

namespace awsume_shell::credentials {

/// The AWS module is loaded on the first call of any service only: a cache hit never pays
/// for libcurl.
class LazyApi {
public:
    explicit LazyApi(aws::ClientOptions options) : m_options(std::move(options)) {}
    /// For tests: services that are already there (those a test leaves out stay null).
    explicit LazyApi(aws::Clients clients) : m_clients(std::move(clients)) {}
    Result<aws::Sts*> sts();
    Result<aws::Iam*> iam();
    Result<aws::SsoPortal*> sso_portal();
    Result<aws::SsoOidc*> sso_oidc();
    Result<aws::Metadata*> metadata();

private:
    Result<const aws::Clients*> clients();

    aws::ClientOptions m_options;
    std::optional<aws::Clients> m_clients;
};

struct Services {
    const util::Env& env;
    const util::Clock& clock;
    const util::Log& log;
    cache::Store& store;
    LazyApi& api;
    MfaCodeSource& mfa;
    /// How long cached credentials must still live to be handed out (refresh_before_expiry).
    long refresh_margin = 900;
    /// How long to wait for another awsume-shell that is fetching the same credentials.
    long lock_timeout_ms = 180000;
    /// -r: the cached credentials of a source (IAM Identity Center role credentials) are
    /// fetched anew, as the roles' are (ChainOptions::skip_cached_roles).
    bool skip_cached_sources = false;
    /// How long a credential_process may run (the process_timeout setting).
    long process_timeout = util::k_default_process_timeout;
};

}  // namespace awsume_shell::credentials
