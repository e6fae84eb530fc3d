#pragma once
/// The SSO portal and SSO-OIDC over a QueryCaller (its retries, deadline and --debug
/// trace): restJson (rest_json.hpp), unsigned, field names as in botocore's service models
/// sso/2019-06-10 and sso-oidc/2019-06-10. The endpoint is resolved per request, from its
/// sso_region.

#include "awsume_shell/aws/api.hpp"
#include "awsume_shell/aws/query_caller.hpp"
#include "awsume_shell/aws/rest_json.hpp"

namespace awsume_shell::aws {

class SsoPortalClient {
public:
    SsoPortalClient(QueryCaller& caller, const ClientOptions& options) : m_caller(caller), m_options(options) {}

    Result<model::Credentials> get_role_credentials(const SsoRoleCredentialsRequest& request);

private:
    QueryCaller& m_caller;
    const ClientOptions& m_options;
};

class SsoOidcClient {
public:
    SsoOidcClient(QueryCaller& caller, const ClientOptions& options) : m_caller(caller), m_options(options) {}

    Result<RegisteredClient> register_client(const RegisterClientRequest& request);
    Result<DeviceAuthorization> start_device_authorization(const StartDeviceAuthorizationRequest& request);
    Result<OidcToken> create_token(const CreateTokenRequest& request);

private:
    /// POST of a JSON body to `path` of the region's endpoint (its host put in `host`, for
    /// messages); the 2xx answer's object. `own_deadline`: as QueryCall::own_deadline.
    Result<nlohmann::json> post(const std::string& region, const std::string& path, std::string_view action,
                                const nlohmann::json& body, std::string& host, bool own_deadline = false);

    QueryCaller& m_caller;
    const ClientOptions& m_options;
};

}  // namespace awsume_shell::aws
