#include "awsume_shell/aws/sts_client.hpp"

#include "awsume_shell/aws/query_xml.hpp"

namespace awsume_shell::aws {
namespace {

void add_if(NameValues& params, const char* name, const std::optional<std::string>& value) {
    if (value && !value->empty()) {
        params.emplace_back(name, *value);
    }
}

void add_if(NameValues& params, const char* name, const std::optional<int>& value) {
    if (value) {
        params.emplace_back(name, std::to_string(*value));
    }
}

}  // namespace

Result<std::string> StsClient::call(const model::Credentials& caller,
                                    std::string_view action, NameValues params) {
    return m_caller.call(caller, QueryCall{&m_endpoint, "sts", k_sts_version, action,
                                           std::move(params)});
}

Result<model::Credentials> StsClient::get_session_token(
    const model::Credentials& caller, const GetSessionTokenRequest& request) {
    NameValues params;
    add_if(params, "DurationSeconds", request.duration_seconds);
    add_if(params, "SerialNumber", request.serial_number);
    add_if(params, "TokenCode", request.token_code);
    TRY(auto body, call(caller, "GetSessionToken", std::move(params)));
    return parse_credentials_response(body, "GetSessionToken", m_endpoint.host);
}

Result<model::Credentials> StsClient::assume_role(const model::Credentials& caller,
                                                        const AssumeRoleRequest& request) {
    NameValues params{{"RoleArn", request.role_arn},
                      {"RoleSessionName", request.role_session_name}};
    add_if(params, "DurationSeconds", request.duration_seconds);
    add_if(params, "ExternalId", request.external_id);
    add_if(params, "SerialNumber", request.serial_number);
    add_if(params, "TokenCode", request.token_code);
    TRY(auto body, call(caller, "AssumeRole", std::move(params)));
    return parse_credentials_response(body, "AssumeRole", m_endpoint.host);
}

Result<CallerIdentity> StsClient::get_caller_identity(const model::Credentials& caller) {
    TRY(auto body, call(caller, "GetCallerIdentity", {}));
    return parse_caller_identity(body, m_endpoint.host);
}

}  // namespace awsume_shell::aws
