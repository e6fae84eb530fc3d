#include "awsume_shell/aws/rest_json.hpp"

#include <cctype>

#include "awsume_shell/util/display_text.hpp"

namespace awsume_shell::aws {

namespace {

Unexpected malformed(std::string_view action, const std::string& host, const std::string& why) {
    return make_error(Errc::network, "malformed " + std::string(action) + " response from " + host + ": " + why);
}

/// A string member of an error document, "" when absent or not a string.
std::string text_of(const nlohmann::json& body, const char* name) {
    if (!body.is_object()) {
        return {};
    }
    const auto it = body.find(name);
    return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// "ns#Code" -> "Code", "Code:http://..." -> "Code", trimmed.
std::string bare_code(std::string code) {
    if (const auto hash = code.rfind('#'); hash != std::string::npos) {
        code.erase(0, hash + 1);
    }
    if (const auto colon = code.find(':'); colon != std::string::npos) {
        code.erase(colon);
    }
    const auto first = code.find_first_not_of(" \t");
    const auto last = code.find_last_not_of(" \t");
    return first == std::string::npos ? std::string() : code.substr(first, last - first + 1);
}

/// OAuth's "authorization_pending" -> "AuthorizationPendingException", the name of the
/// SSO-OIDC error shape whose `error` member it is.
std::string exception_of_oauth_error(const std::string& error) {
    std::string out;
    bool upper = true;
    for (char c : error) {
        if (c == '_') {
            upper = true;
        } else if (std::isalnum(static_cast<unsigned char>(c))) {
            out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
            upper = false;
        } else {
            return {};  // not an OAuth error code
        }
    }
    return out.empty() ? out : out + "Exception";
}

bool is_whole_number(const nlohmann::json& value) { return value.is_number_integer() || value.is_number_unsigned(); }

}  // namespace

Error parse_rest_json_error(const HttpResponse& response, const std::string& host) {
    const nlohmann::json body = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
    std::string code;
    if (const auto header = response.headers.find("x-amzn-errortype"); header != response.headers.end()) {
        code = bare_code(header->second);
    }
    for (const char* name : {"__type", "code", "Code"}) {
        if (code.empty()) {
            code = bare_code(text_of(body, name));
        }
    }
    if (code.empty()) {
        code = exception_of_oauth_error(text_of(body, "error"));
    }
    if (code.empty()) {
        return Error{Errc::network,
                     "malformed response from " + host + ": HTTP " + std::to_string(response.status) +
                         " without an AWS error document",
                     ""};
    }
    std::string message;
    for (const char* name : {"message", "Message", "error_description"}) {
        if (message.empty()) {
            message = text_of(body, name);
        }
    }
    for (char& c : message) {  // AWS's messages are one line in practice; ours must be
        if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    // The code too comes from the server: whatever it holds, the error stays one line.
    return Error{Errc::aws, util::printable(message.empty() ? code : code + ": " + message), util::printable(code)};
}

Result<nlohmann::json> parse_json_answer(std::string_view body, std::string_view action, const std::string& host) {
    nlohmann::json doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object()) {
        return malformed(action, host, "not a JSON object");
    }
    return doc;
}

Result<std::optional<std::string>> optional_string(const nlohmann::json& object, const char* field,
                                                   std::string_view action, const std::string& host) {
    const auto it = object.find(field);
    if (it == object.end() || it->is_null()) {
        return std::optional<std::string>{};
    }
    if (!it->is_string()) {
        return malformed(action, host, std::string(field) + " is not a string");
    }
    return std::optional<std::string>{it->get<std::string>()};
}

Result<std::string> required_string(const nlohmann::json& object, const char* field, std::string_view action,
                                    const std::string& host) {
    TRY(auto value, optional_string(object, field, action, host));
    if (!value || value->empty()) {
        return malformed(action, host, "missing " + std::string(field));
    }
    return std::move(*value);
}

Result<std::optional<long long>> optional_integer(const nlohmann::json& object, const char* field, long long min,
                                                  long long max, std::string_view action, const std::string& host) {
    const auto it = object.find(field);
    if (it == object.end() || it->is_null()) {
        return std::optional<long long>{};
    }
    if (!is_whole_number(*it)) {
        return malformed(action, host, std::string(field) + " is not a whole number");
    }
    // Unsigned first: a value beyond long long must not wrap into the range.
    if (it->is_number_unsigned() && it->get<unsigned long long>() > static_cast<unsigned long long>(max)) {
        return malformed(action, host, std::string(field) + " is out of range");
    }
    const long long value = it->get<long long>();
    if (value < min || value > max) {
        return malformed(action, host, std::string(field) + " is out of range");
    }
    return std::optional<long long>{value};
}

Result<long long> required_integer(const nlohmann::json& object, const char* field, long long min, long long max,
                                   std::string_view action, const std::string& host) {
    TRY(auto value, optional_integer(object, field, min, max, action, host));
    if (!value) {
        return malformed(action, host, "missing " + std::string(field));
    }
    return *value;
}

}  // namespace awsume_shell::aws
