#include "awsume_shell/mfa/otpauth.hpp"

#include <cctype>
#include <vector>

namespace awsume_shell::mfa {
namespace {

std::string percent_encode(const std::string& text) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : text) {
        const auto byte = static_cast<unsigned char>(ch);
        if (std::isalnum(byte) || ch == '-' || ch == '.' || ch == '_' || ch == '~' || ch == '@') {
            out += ch;
        } else {
            out += '%';
            out += k_hex[byte >> 4];
            out += k_hex[byte & 0x0FU];
        }
    }
    return out;
}

}  // namespace

std::string otpauth_uri(const std::string& user, const std::string& account,
                        const std::string& base32_secret) {
    std::string secret;
    for (const char ch : base32_secret) {
        if (ch != '=' && ch != ' ') {
            secret += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        }
    }
    std::string label = user;
    if (!account.empty()) {
        label += "@" + account;
    }
    return "otpauth://totp/AWS:" + percent_encode(label) + "?secret=" + secret + "&issuer=AWS";
}

std::string account_from_arn(const std::string& arn) {
    // arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (int i = 0; i < 5; ++i) {
        const std::size_t colon = arn.find(':', start);
        if (colon == std::string::npos) {
            return {};
        }
        parts.push_back(arn.substr(start, colon - start));
        start = colon + 1;
    }
    return parts[0] == "arn" ? parts[4] : std::string{};
}

std::string config_section_for(const std::string& profile) {
    return profile == "default" ? profile : "profile " + profile;
}

}  // namespace awsume_shell::mfa
