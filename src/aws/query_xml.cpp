#include "awsume_shell/aws/query_xml.hpp"

#include "awsume_shell/aws/xml_tree.hpp"
#include "awsume_shell/util/display_text.hpp"
#include "awsume_shell/util/time_format.hpp"

namespace awsume_shell::aws {
namespace {

Unexpected malformed(const std::string& host, const std::string& why) {
    return make_error(Errc::network, "malformed response from " + host + ": " + why);
}

/// Parses and checks that the root is <ACTIONResponse>, so that an answer to some other
/// request (a proxy's page, a wrong endpoint) is not mistaken for ours.
Result<std::unique_ptr<XmlElement>> parse_root(std::string_view body, std::string_view action,
                                               const std::string& host) {
    TRY(auto root, parse_xml(body, host));
    const std::string expected = std::string(action) + "Response";
    if (root->name != expected) {
        return malformed(host, "expected <" + expected + ">, got <" + root->name + ">");
    }
    return root;
}

/// Text of a required element under `parent`.
Result<std::string> required(const XmlElement& parent, std::string_view path,
                             const std::string& host) {
    const XmlElement* element = parent.find(path);
    if (element == nullptr || element->text.empty()) {
        return malformed(host, "missing <" + std::string(path) + ">");
    }
    return element->text;
}

/// A credential value (key id, secret, token) as AWS issues them: printable ASCII without
/// spaces. Anything else (a newline that would end an export line, a terminal escape) is a
/// bad server answer; the value itself is never shown, it may be a secret.
Result<std::string> credential_text(const XmlElement& parent, std::string_view name,
                                    const std::string& host) {
    TRY(auto text, required(parent, name, host));
    for (const char c : text) {
        if (c <= ' ' || c > '~') {
            return malformed(host, "<" + std::string(name) +
                                       "> holds a control, space or non-ASCII character");
        }
    }
    return text;
}

std::string optional_text(const XmlElement& parent, std::string_view path) {
    const XmlElement* element = parent.find(path);
    return element == nullptr ? std::string{} : element->text;
}

}  // namespace

std::string form_encode(std::string_view action, std::string_view version,
                        const NameValues& params) {
    std::string out = "Action=" + uri_encode(action, false) + "&Version=" +
                      uri_encode(version, false);
    for (const auto& [name, value] : params) {
        out += "&" + uri_encode(name, false) + "=" + uri_encode(value, false);
    }
    return out;
}

Error parse_error_response(std::string_view body, long http_status, const std::string& host) {
    const std::string status_text = "HTTP " + std::to_string(http_status);
    auto root = parse_xml(body, host);
    const XmlElement* error = nullptr;
    if (root) {
        error = (*root)->name == "ErrorResponse" ? (*root)->child("Error")
                : (*root)->name == "Error"       ? root->get()
                                                 : (*root)->find("Errors/Error");
    }
    if (error == nullptr || optional_text(*error, "Code").empty()) {
        return Error{Errc::network, "malformed response from " + host + ": " + status_text +
                                        " without an AWS error document", ""};
    }
    std::string code = optional_text(*error, "Code");
    std::string message = optional_text(*error, "Message");
    // AWS messages are one line in practice; keep the contract's one-line errors anyway.
    for (char& c : message) {
        if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    const bool mfa_rejected =
        code == "InvalidAuthenticationCode" ||
        (code == "AccessDenied" && message.find("MultiFactorAuthentication") != std::string::npos);
    // The code too comes from the server: whatever it holds, the error stays one line.
    std::string text = util::printable(message.empty() ? code : code + ": " + message);
    return Error{mfa_rejected ? Errc::mfa : Errc::aws, text, code};
}

Result<model::Credentials> parse_credentials_response(std::string_view body,
                                                            std::string_view action,
                                                            const std::string& host) {
    TRY(auto root, parse_root(body, action, host));
    const XmlElement* creds = root->find(std::string(action) + "Result/Credentials");
    if (creds == nullptr) {
        return malformed(host, "missing <Credentials>");
    }
    model::Credentials out;
    TRY(out.access_key_id, credential_text(*creds, "AccessKeyId", host));
    TRY(out.secret_access_key, credential_text(*creds, "SecretAccessKey", host));
    TRY(out.session_token, credential_text(*creds, "SessionToken", host));
    TRY(auto expiration, required(*creds, "Expiration", host));
    out.expiration = util::parse_iso8601(expiration);
    if (!out.expiration) {
        return malformed(host, "bad <Expiration> '" + util::printable(expiration) + "'");
    }
    return out;
}

Result<CallerIdentity> parse_caller_identity(std::string_view body, const std::string& host) {
    TRY(auto root, parse_root(body, "GetCallerIdentity", host));
    const XmlElement* result = root->child("GetCallerIdentityResult");
    if (result == nullptr) {
        return malformed(host, "missing <GetCallerIdentityResult>");
    }
    CallerIdentity out;
    TRY(out.account, required(*result, "Account", host));
    TRY(out.arn, required(*result, "Arn", host));
    TRY(out.user_id, required(*result, "UserId", host));
    return out;
}

Result<IamUser> parse_get_user(std::string_view body, const std::string& host) {
    TRY(auto root, parse_root(body, "GetUser", host));
    const XmlElement* user = root->find("GetUserResult/User");
    if (user == nullptr) {
        return malformed(host, "missing <User>");
    }
    IamUser out;
    // The root user has no UserName; its ARN ends in ":root".
    out.user_name = optional_text(*user, "UserName");
    TRY(out.user_id, required(*user, "UserId", host));
    TRY(out.arn, required(*user, "Arn", host));
    return out;
}

Result<MfaDevicePage> parse_list_mfa_devices(std::string_view body, const std::string& host) {
    TRY(auto root, parse_root(body, "ListMFADevices", host));
    const XmlElement* result = root->child("ListMFADevicesResult");
    const XmlElement* devices = result == nullptr ? nullptr : result->child("MFADevices");
    if (devices == nullptr) {
        return malformed(host, "missing <MFADevices>");
    }
    MfaDevicePage page;
    for (const auto& member : devices->children) {
        if (member->name != "member") {
            continue;
        }
        MfaDevice device;
        device.user_name = optional_text(*member, "UserName");
        TRY(device.serial_number, required(*member, "SerialNumber", host));
        page.devices.push_back(std::move(device));
    }
    if (optional_text(*result, "IsTruncated") == "true") {
        TRY(page.marker, required(*result, "Marker", host));
    }
    return page;
}

Result<VirtualMfaDevice> parse_create_virtual_mfa_device(std::string_view body,
                                                         const std::string& host) {
    TRY(auto root, parse_root(body, "CreateVirtualMFADevice", host));
    const XmlElement* device = root->find("CreateVirtualMFADeviceResult/VirtualMFADevice");
    if (device == nullptr) {
        return malformed(host, "missing <VirtualMFADevice>");
    }
    VirtualMfaDevice out;
    TRY(out.serial_number, required(*device, "SerialNumber", host));
    TRY(auto encoded, required(*device, "Base32StringSeed", host));
    auto seed = base64_decode(encoded);
    if (!seed || seed->empty()) {
        return malformed(host, "<Base32StringSeed> is not base64");  // never echo the seed
    }
    out.base32_seed = std::move(*seed);
    return out;
}

Result<void> parse_empty_response(std::string_view body, std::string_view action,
                                  const std::string& host) {
    TRY(auto root, parse_root(body, action, host));
    (void)root;
    return {};
}

std::optional<std::string> base64_decode(std::string_view text) {
    auto value_of = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : c == '/' ? 63 : -1;
    };
    std::string out;
    unsigned int buffer = 0;
    int bits = 0;
    bool padding = false;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            continue;
        }
        if (c == '=') {
            padding = true;
            continue;
        }
        int value = value_of(c);
        if (value < 0 || padding) {
            return std::nullopt;
        }
        buffer = (buffer << 6) | static_cast<unsigned int>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> bits) & 0xff));
        }
    }
    return out;
}

}  // namespace awsume_shell::aws
