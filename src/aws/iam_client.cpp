#include "awsume_shell/aws/iam_client.hpp"

#include "awsume_shell/aws/query_xml.hpp"

namespace awsume_shell::aws {
namespace {

// A user has at most 8 MFA devices; the bound only guards against a looping server.
constexpr int k_max_pages = 20;

}  // namespace

Result<std::string> IamClient::call(const model::Credentials& caller,
                                    std::string_view action, NameValues params) {
    return m_caller.call(caller, QueryCall{&m_endpoint, "iam", k_iam_version, action,
                                           std::move(params)});
}

Result<IamUser> IamClient::get_user(const model::Credentials& caller) {
    TRY(auto body, call(caller, "GetUser", {}));
    return parse_get_user(body, m_endpoint.host);
}

Result<std::vector<MfaDevice>> IamClient::list_mfa_devices(
    const model::Credentials& caller, const std::optional<std::string>& user_name) {
    std::vector<MfaDevice> devices;
    std::string marker;
    for (int page = 0; page < k_max_pages; ++page) {
        NameValues params;
        if (user_name && !user_name->empty()) {
            params.emplace_back("UserName", *user_name);
        }
        if (!marker.empty()) {
            params.emplace_back("Marker", marker);
        }
        TRY(auto body, call(caller, "ListMFADevices", std::move(params)));
        TRY(auto result, parse_list_mfa_devices(body, m_endpoint.host));
        devices.insert(devices.end(), result.devices.begin(), result.devices.end());
        if (result.marker.empty()) {
            break;
        }
        marker = result.marker;
    }
    return devices;
}

Result<VirtualMfaDevice> IamClient::create_virtual_mfa_device(
    const model::Credentials& caller, const std::string& device_name) {
    TRY(auto body, call(caller, "CreateVirtualMFADevice", {{"VirtualMFADeviceName", device_name}}));
    return parse_create_virtual_mfa_device(body, m_endpoint.host);
}

Result<void> IamClient::enable_mfa_device(const model::Credentials& caller,
                                          const std::string& user_name,
                                          const std::string& serial_number,
                                          const std::string& code1, const std::string& code2) {
    TRY(auto body, call(caller, "EnableMFADevice",
                        {{"UserName", user_name},
                         {"SerialNumber", serial_number},
                         {"AuthenticationCode1", code1},
                         {"AuthenticationCode2", code2}}));
    return parse_empty_response(body, "EnableMFADevice", m_endpoint.host);
}

Result<void> IamClient::delete_virtual_mfa_device(const model::Credentials& caller,
                                                  const std::string& serial_number) {
    // Only ever the undo of CreateVirtualMFADevice: it must be tried even when a hung
    // EnableMFADevice spent the command's deadline.
    QueryCall undo{&m_endpoint, "iam", k_iam_version, "DeleteVirtualMFADevice",
                   {{"SerialNumber", serial_number}}};
    undo.own_deadline = true;
    TRY(auto body, m_caller.call(caller, undo));
    return parse_empty_response(body, "DeleteVirtualMFADevice", m_endpoint.host);
}

}  // namespace awsume_shell::aws
