// SSO-OIDC (botocore sso-oidc/2019-06-10): RegisterClient, StartDeviceAuthorization and
// CreateToken, each a POST of a JSON object without SigV4. The client's secret, the device
// code and the tokens travel in bodies and answers: never in a trace or a message.
#include "awsume_shell/aws/endpoints.hpp"
#include "awsume_shell/aws/sso_clients.hpp"

namespace awsume_shell::aws {

namespace {

/// Seconds AWS may name for a lifetime or a wait: at most ten years.
constexpr long long k_max_seconds = 10LL * 366 * 24 * 3600;
/// A time in epoch seconds up to the year 9999.
constexpr long long k_max_epoch_seconds = 253402300799LL;
/// Seconds between polls: more than an hour is no device flow.
constexpr long long k_max_interval = 3600;

bool is_secret_member(std::string_view name) {
    return name == "clientSecret" || name == "deviceCode" || name == "refreshToken" || name == "code" ||
           name == "accessToken";
}

/// "POST URL member=value ...", secrets as <redacted>.
std::string trace_of(const std::string& url, const nlohmann::json& body) {
    std::string line = "POST " + url;
    for (const auto& [name, value] : body.items()) {
        line += " " + name + "=" +
                (is_secret_member(name) ? std::string("<redacted>")
                                        : value.is_string() ? value.get<std::string>() : value.dump());
    }
    return line;
}

}  // namespace

Result<nlohmann::json> SsoOidcClient::post(const std::string& region, const std::string& path, std::string_view action,
                                           const nlohmann::json& body, std::string& host, bool own_deadline) {
    TRY(const Endpoint endpoint, sso_oidc_endpoint(m_options, region));
    host = endpoint.host;
    const std::string url = join_url(endpoint.url, path);
    const std::string payload = body.dump();
    Exchange exchange;
    exchange.endpoint = &endpoint;
    exchange.action = action;
    exchange.own_deadline = own_deadline;
    exchange.build = [&](util::UnixTime) {
        HttpRequest http;
        http.method = "POST";
        http.url = url;
        http.headers = {{"Host", endpoint.host}, {"Content-Type", "application/json"}};
        http.body = payload;
        return http;
    };
    exchange.parse_error = [&](const HttpResponse& response) { return parse_rest_json_error(response, endpoint.host); };
    if (m_caller.tracing()) {
        exchange.trace = trace_of(url, body);
    }
    TRY(const std::string answer, m_caller.send(exchange));
    return parse_json_answer(answer, action, endpoint.host);
}

Result<RegisteredClient> SsoOidcClient::register_client(const RegisterClientRequest& request) {
    constexpr std::string_view action = "RegisterClient";
    nlohmann::json body{{"clientName", request.client_name}, {"clientType", "public"}};
    if (!request.scopes.empty()) {
        body["scopes"] = request.scopes;
    }
    std::string host;
    TRY(const nlohmann::json answer, post(request.region, "/client/register", action, body, host));
    RegisteredClient client;
    TRY(client.client_id, required_string(answer, "clientId", action, host));
    TRY(client.client_secret, required_string(answer, "clientSecret", action, host));
    TRY(client.client_secret_expires_at,
        required_integer(answer, "clientSecretExpiresAt", 0, k_max_epoch_seconds, action, host));
    return client;
}

Result<DeviceAuthorization> SsoOidcClient::start_device_authorization(const StartDeviceAuthorizationRequest& request) {
    constexpr std::string_view action = "StartDeviceAuthorization";
    const nlohmann::json body{
        {"clientId", request.client_id}, {"clientSecret", request.client_secret}, {"startUrl", request.start_url}};
    std::string host;
    TRY(const nlohmann::json answer, post(request.region, "/device_authorization", action, body, host));
    DeviceAuthorization authorization;
    TRY(authorization.device_code, required_string(answer, "deviceCode", action, host));
    TRY(authorization.user_code, required_string(answer, "userCode", action, host));
    TRY(authorization.verification_uri, required_string(answer, "verificationUri", action, host));
    TRY(auto complete, optional_string(answer, "verificationUriComplete", action, host));
    authorization.verification_uri_complete = complete.value_or("");
    TRY(authorization.expires_in, required_integer(answer, "expiresIn", 1, k_max_seconds, action, host));
    TRY(auto interval, optional_integer(answer, "interval", 1, k_max_interval, action, host));
    authorization.interval = static_cast<long>(interval.value_or(5));
    return authorization;
}

Result<OidcToken> SsoOidcClient::create_token(const CreateTokenRequest& request) {
    constexpr std::string_view action = "CreateToken";
    nlohmann::json body{
        {"clientId", request.client_id}, {"clientSecret", request.client_secret}, {"grantType", request.grant_type}};
    if (!request.device_code.empty()) {
        body["deviceCode"] = request.device_code;
    }
    if (!request.refresh_token.empty()) {
        body["refreshToken"] = request.refresh_token;
    }
    std::string host;
    // The device-code polls of a sign-in last as long as the user takes to approve.
    const bool poll = request.grant_type == k_device_code_grant;
    TRY(const nlohmann::json answer, post(request.region, "/token", action, body, host, poll));
    OidcToken token;
    TRY(token.access_token, required_string(answer, "accessToken", action, host));
    TRY(token.refresh_token, optional_string(answer, "refreshToken", action, host));
    if (token.refresh_token && token.refresh_token->empty()) {
        token.refresh_token.reset();
    }
    TRY(token.expires_in, required_integer(answer, "expiresIn", 1, k_max_seconds, action, host));
    return token;
}

}  // namespace awsume_shell::aws
