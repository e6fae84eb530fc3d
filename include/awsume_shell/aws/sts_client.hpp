#pragma once
/// Typed STS calls over a QueryCaller.

#include "awsume_shell/aws/api.hpp"
#include "awsume_shell/aws/query_caller.hpp"

namespace awsume_shell::aws {

class StsClient {
public:
    StsClient(QueryCaller& caller, Endpoint endpoint)
        : m_caller(caller), m_endpoint(std::move(endpoint)) {}

    Result<model::Credentials> get_session_token(const model::Credentials& caller,
                                                       const GetSessionTokenRequest& request);
    Result<model::Credentials> assume_role(const model::Credentials& caller,
                                                 const AssumeRoleRequest& request);
    Result<CallerIdentity> get_caller_identity(const model::Credentials& caller);

private:
    Result<std::string> call(const model::Credentials& caller, std::string_view action,
                             NameValues params);

    QueryCaller& m_caller;
    Endpoint m_endpoint;
};

}  // namespace awsume_shell::aws
