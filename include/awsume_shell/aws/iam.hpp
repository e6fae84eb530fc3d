#pragma once
/// The IAM calls awsume-shell makes: MFA device detection, the session name, provision-mfa.
///
/// Errors: Errc::aws with aws_code set and message "CODE: AWS's message" for AWS error
/// documents; Errc::mfa for a rejected MFA code; Errc::network for transport trouble
/// after retries are exhausted.

#include <optional>
#include <string>
#include <vector>

#include "awsume_shell/model/credentials.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::aws {

struct IamUser {
    std::string user_name;
    std::string user_id;
    std::string arn;
};

struct MfaDevice {
    std::string user_name;
    std::string serial_number;
};

struct VirtualMfaDevice {
    std::string serial_number;   ///< arn:aws:iam::ACCOUNT:mfa/NAME
    std::string base32_seed;     ///< the secret; never log
};

class Iam {
public:
    virtual ~Iam() = default;

    virtual Result<IamUser> get_user(const model::Credentials& caller) = 0;
    virtual Result<std::vector<MfaDevice>> list_mfa_devices(
        const model::Credentials& caller, const std::optional<std::string>& user_name) = 0;
    virtual Result<VirtualMfaDevice> create_virtual_mfa_device(
        const model::Credentials& caller, const std::string& device_name) = 0;
    virtual Result<void> enable_mfa_device(const model::Credentials& caller,
                                           const std::string& user_name,
                                           const std::string& serial_number,
                                           const std::string& code1, const std::string& code2) = 0;
    virtual Result<void> delete_virtual_mfa_device(const model::Credentials& caller,
                                                   const std::string& serial_number) = 0;
};

}  // namespace awsume_shell::aws
