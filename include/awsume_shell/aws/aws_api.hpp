#pragma once
/// The real AWS services: STS and IAM (SigV4) and the SSO portal and SSO-OIDC (restJson)
/// over one HttpClient, standard retries. The
/// module (src/aws_module/module.cpp) builds them with curl and the system clock; tests hand
/// in fakes.

#include <memory>

#include "awsume_shell/aws/api.hpp"
#include "awsume_shell/aws/http_client.hpp"
#include "awsume_shell/aws/query_caller.hpp"
#include "awsume_shell/aws/retry.hpp"
#include "awsume_shell/util/clock.hpp"

namespace awsume_shell::aws {

/// `debug` receives trace lines when options.debug is set; when empty they go to stderr as
/// "awsume-shell: debug: ...". Endpoint errors (Errc::config) surface from each call.
Clients make_aws_clients(const ClientOptions& options, std::unique_ptr<HttpClient> http,
                         std::shared_ptr<const util::Clock> clock,
                         RetryHooks hooks = default_retry_hooks(), DebugSink debug = {});

/// The production wiring: libcurl, the system clock, real sleeps and jitter. Fills `out`
/// here rather than returning it so that the module instantiates no standard template.
void make_default_aws_clients(const ClientOptions& options, Clients& out);

}  // namespace awsume_shell::aws
