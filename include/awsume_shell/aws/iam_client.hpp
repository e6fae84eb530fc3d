#pragma once
/// Typed IAM calls (for provision-mfa and MFA serial discovery) over a QueryCaller.

#include "awsume_shell/aws/api.hpp"
#include "awsume_shell/aws/query_caller.hpp"

namespace awsume_shell::aws {

class IamClient {
public:
    IamClient(QueryCaller& caller, Endpoint endpoint)
        : m_caller(caller), m_endpoint(std::move(endpoint)) {}

    Result<IamUser> get_user(const model::Credentials& caller);
    /// Follows Marker pagination to the end.
    Result<std::vector<MfaDevice>> list_mfa_devices(const model::Credentials& caller,
                                                    const std::optional<std::string>& user_name);
    Result<VirtualMfaDevice> create_virtual_mfa_device(const model::Credentials& caller,
                                                       const std::string& device_name);
    Result<void> enable_mfa_device(const model::Credentials& caller,
                                   const std::string& user_name,
                                   const std::string& serial_number, const std::string& code1,
                                   const std::string& code2);
    Result<void> delete_virtual_mfa_device(const model::Credentials& caller,
                                           const std::string& serial_number);

private:
    Result<std::string> call(const model::Credentials& caller, std::string_view action,
                             NameValues params);

    QueryCaller& m_caller;
    Endpoint m_endpoint;
};

}  // namespace awsume_shell::aws
