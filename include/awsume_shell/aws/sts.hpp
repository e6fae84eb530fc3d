#pragma once
/// The STS calls awsume-shell makes (one interface, so a fake implements only these).
///
/// Errors: Errc::aws with aws_code set and message "CODE: AWS's message" for AWS error
/// documents; Errc::mfa for a rejected MFA code; Errc::network for transport trouble
/// after retries are exhausted.

#include <optional>
#include <string>

#include "awsume_shell/model/credentials.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::aws {

struct GetSessionTokenRequest {
    std::optional<int> duration_seconds;
    std::optional<std::string> serial_number;
    std::optional<std::string> token_code;
};

struct AssumeRoleRequest {
    std::string role_arn;
    std::string role_session_name;
    std::optional<int> duration_seconds;
    std::optional<std::string> external_id;
    std::optional<std::string> serial_number;
    std::optional<std::string> token_code;
};

struct CallerIdentity {
    std::string account;
    std::string arn;
    std::string user_id;
};

class Sts {
public:
    virtual ~Sts() = default;

    virtual Result<model::Credentials> get_session_token(
        const model::Credentials& caller, const GetSessionTokenRequest& request) = 0;
    virtual Result<model::Credentials> assume_role(
        const model::Credentials& caller, const AssumeRoleRequest& request) = 0;
    virtual Result<CallerIdentity> get_caller_identity(const model::Credentials& caller) = 0;
};

}  // namespace awsume_shell::aws
