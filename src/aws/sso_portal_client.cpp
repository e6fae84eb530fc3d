// GetRoleCredentials of the SSO portal (botocore sso/2019-06-10): GET
// /federation/credentials?role_name=R&account_id=A, the bearer token in the header
// x-amz-sso_bearer_token, no SigV4; the answer's roleCredentials with an epoch-milliseconds
// expiration.
#include "awsume_shell/aws/endpoints.hpp"
#include "awsume_shell/aws/sigv4.hpp"
#include "awsume_shell/aws/sso_clients.hpp"

namespace awsume_shell::aws {

namespace {

constexpr std::string_view k_action = "GetRoleCredentials";
/// Expiration in milliseconds up to the year 9999: any later is no time we can handle.
constexpr long long k_max_epoch_ms = 253402300799000LL;

}  // namespace

Result<model::Credentials> SsoPortalClient::get_role_credentials(const SsoRoleCredentialsRequest& request) {
    TRY(const Endpoint endpoint, sso_portal_endpoint(m_options, request.region));
    const std::string url = join_url(endpoint.url, "/federation/credentials?role_name=" +
                                                       uri_encode(request.role_name, false) +
                                                       "&account_id=" + uri_encode(request.account_id, false));
    Exchange exchange;
    exchange.endpoint = &endpoint;
    exchange.action = k_action;
    exchange.subject = request.account_id + "/" + request.role_name;
    exchange.build = [&](util::UnixTime) {
        HttpRequest http;
        http.method = "GET";
        http.url = url;
        http.headers = {{"Host", endpoint.host}, {"x-amz-sso_bearer_token", request.access_token}};
        return http;
    };
    exchange.parse_error = [&](const HttpResponse& response) { return parse_rest_json_error(response, endpoint.host); };
    if (m_caller.tracing()) {
        exchange.trace = "GET " + url + " x-amz-sso_bearer_token=<redacted>";
    }
    TRY(const std::string body, m_caller.send(exchange));
    TRY(const nlohmann::json answer, parse_json_answer(body, k_action, endpoint.host));
    const auto role = answer.find("roleCredentials");
    if (role == answer.end() || !role->is_object()) {
        return make_error(Errc::network, "malformed GetRoleCredentials response from " + endpoint.host +
                                             ": missing roleCredentials");
    }
    model::Credentials credentials;
    TRY(credentials.access_key_id, required_string(*role, "accessKeyId", k_action, endpoint.host));
    TRY(credentials.secret_access_key, required_string(*role, "secretAccessKey", k_action, endpoint.host));
    TRY(credentials.session_token, required_string(*role, "sessionToken", k_action, endpoint.host));
    TRY(const long long expiration_ms, required_integer(*role, "expiration", 1, k_max_epoch_ms, k_action, endpoint.host));
    credentials.expiration = static_cast<util::UnixTime>(expiration_ms / 1000);
    return credentials;
}

}  // namespace awsume_shell::aws
