#pragma once
/// The otpauth:// URI that authenticator apps read from the QR code (Google's Key Uri
/// Format), and the small ARN helpers provision-mfa needs. Pure.

#include <string>

namespace awsume_shell::mfa {

/// otpauth://totp/AWS:USER@ACCOUNT?secret=SECRET&issuer=AWS
/// Label and issuer agree so apps group it under "AWS" and show "USER@ACCOUNT"; the label
/// is percent-encoded (IAM names may hold '+', '=', ',', '@'); '=' padding is dropped
/// from the secret, which some apps refuse.
std::string otpauth_uri(const std::string& user, const std::string& account,
                        const std::string& base32_secret);

/// "123456789012" from "arn:aws:iam::123456789012:user/alice"; empty when not an ARN.
std::string account_from_arn(const std::string& arn);

/// The config-file section of a profile: "default" or "profile NAME".
std::string config_section_for(const std::string& profile);

}  // namespace awsume_shell::mfa
