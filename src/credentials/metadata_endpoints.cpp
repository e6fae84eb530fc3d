#include "awsume_shell/credentials/metadata_endpoints.hpp"

#include <arpa/inet.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#include "awsume_shell/util/display_text.hpp"
#include "awsume_shell/util/io.hpp"

namespace awsume_shell::credentials {
namespace {

constexpr const char* k_endpoint_var = "AWS_EC2_METADATA_SERVICE_ENDPOINT";
constexpr const char* k_mode_var = "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE";
constexpr const char* k_relative_var = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
constexpr const char* k_full_var = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
constexpr const char* k_token_file_var = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";
constexpr const char* k_token_var = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
/// What a URL must look like; the URL itself is not quoted (it may hold a password).
constexpr const char* k_url_form = " (scheme://host[:port][/path], without user info or spaces)";

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::optional<std::string> setting(const SourceSettings& settings, const std::string& key) {
    auto it = settings.find(key);
    return it == settings.end() || it->second.empty() ? std::nullopt : std::optional(it->second);
}

/// "VARIABLE" or "KEY (file:line)": where a value came from, for its error.
std::string where_setting(const SourceSettings& settings, const std::string& key) {
    auto origin = settings.find(key + ".origin");
    return origin == settings.end() ? key : key + " (" + origin->second + ")";
}

/// A value from the variable, else from the profile, with where it came from.
struct Chosen {
    std::optional<std::string> value;
    std::string where;
};
Chosen variable_or_setting(const util::Env& env, const char* variable, const SourceSettings& settings,
                           const std::string& key) {
    if (auto value = env.get(variable)) {
        return {value, variable};
    }
    return {setting(settings, key), where_setting(settings, key)};
}

bool has_unsafe_byte(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte <= 0x20 || byte == 0x7f || byte == '\\';
    });
}

bool is_port(std::string_view text) {
    if (text.empty() || text.size() > 5 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return false;
    }
    const long port = std::stol(std::string(text));
    return port >= 1 && port <= 65535;
}

Unexpected config_error(std::string message) { return make_error(Errc::config, std::move(message)); }

/// A token as a header value: CR or LF would start a header of its own (injection).
Result<std::string> header_value(std::string token, const std::string& where) {
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) {
        token.pop_back();  // `echo TOKEN > file` leaves a line end; the SDKs' files have none
    }
    if (token.empty()) {
        return config_error(where + " is empty");
    }
    const bool control = std::any_of(token.begin(), token.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return (byte < 0x20 && byte != '\t') || byte == 0x7f;
    });
    if (control) {
        return config_error(where + " holds a line break or another control character "
                                    "(not a legal Authorization header value)");
    }
    return token;
}

Result<std::string> read_token_file(const std::string& path) {
    const std::string where = std::string(k_token_file_var) + " " + util::printable(path);
    TRY(const auto opened, util::open_if_exists(path, Errc::io));
    if (!opened) {
        return make_error(Errc::io, "cannot read " + where + ": no such file");
    }
    const int fd = *opened;
    auto text = util::read_all(fd, k_max_container_token_bytes + 1);
    ::close(fd);
    if (!text) {
        return make_error(Errc::io, "cannot read " + where + ": " + text.error().message);
    }
    if (text->size() > k_max_container_token_bytes) {
        return config_error(where + " is larger than 16 KiB");
    }
    return header_value(std::move(*text), where);
}

}  // namespace

bool is_true(const std::optional<std::string>& value) { return value && lower(*value) == "true"; }

std::optional<UrlParts> split_url(std::string_view url) {
    const std::size_t colon = url.find("://");
    if (colon == std::string_view::npos || has_unsafe_byte(url)) {
        return std::nullopt;
    }
    UrlParts parts{lower(url.substr(0, colon)), ""};
    if (parts.scheme != "http" && parts.scheme != "https") {
        return std::nullopt;
    }
    std::string_view rest = url.substr(colon + 3);
    std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    if (authority.find('@') != std::string_view::npos) {
        return std::nullopt;  // user info: "http://169.254.170.2@evil.example" is evil.example
    }
    std::string_view port;
    if (!authority.empty() && authority.front() == '[') {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos) {
            return std::nullopt;
        }
        parts.host = lower(authority.substr(1, close - 1));
        std::string_view after = authority.substr(close + 1);
        if (!after.empty() && (after.front() != ':' || !is_port(port = after.substr(1)))) {
            return std::nullopt;
        }
        in6_addr address{};
        if (::inet_pton(AF_INET6, parts.host.c_str(), &address) != 1) {
            return std::nullopt;
        }
    } else {
        const std::size_t port_colon = authority.find(':');
        parts.host = lower(authority.substr(0, port_colon));
        if (port_colon != std::string_view::npos && !is_port(authority.substr(port_colon + 1))) {
            return std::nullopt;
        }
    }
    if (parts.host.empty()) {
        return std::nullopt;
    }
    return parts;
}

bool is_allowed_container_http_host(std::string_view host) {
    const std::string name(host);
    if (name == "localhost") {
        return true;  // a name, as botocore allows it (never resolved through DNS by curl)
    }
    in_addr v4{};
    if (::inet_pton(AF_INET, name.c_str(), &v4) == 1) {
        const std::uint32_t address = ntohl(v4.s_addr);
        return (address >> 24) == 127 || address == 0xa9feaa02u || address == 0xa9feaa17u;
    }
    in6_addr v6{};
    if (::inet_pton(AF_INET6, name.c_str(), &v6) == 1) {
        static const std::array<unsigned char, 16> loopback{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        static const std::array<unsigned char, 16> eks{0xfd, 0x00, 0x0e, 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x23};
        return std::memcmp(&v6, loopback.data(), 16) == 0 || std::memcmp(&v6, eks.data(), 16) == 0;
    }
    return false;
}

Result<std::string> imds_endpoint(const util::Env& env, const SourceSettings& settings) {
    const Chosen endpoint = variable_or_setting(env, k_endpoint_var, settings, "ec2_metadata_service_endpoint");
    if (endpoint.value) {
        if (!split_url(*endpoint.value)) {
            return config_error(endpoint.where + " is not an http:// or https:// URL" + k_url_form);
        }
        return *endpoint.value;
    }
    const Chosen mode = variable_or_setting(env, k_mode_var, settings, "ec2_metadata_service_endpoint_mode");
    if (!mode.value || lower(*mode.value) == "ipv4") {
        return std::string(k_imds_ipv4_endpoint);
    }
    if (lower(*mode.value) == "ipv6") {
        return std::string(k_imds_ipv6_endpoint);
    }
    return config_error(mode.where + " is " + util::printable(*mode.value) + ": expected IPv4 or IPv6");
}

bool imds_v1_disabled(const util::Env& env, const SourceSettings& settings) {
    return is_true(variable_or_setting(env, "AWS_EC2_METADATA_V1_DISABLED", settings, "ec2_metadata_v1_disabled").value);
}

Result<std::string> container_credentials_url(const util::Env& env) {
    if (auto relative = env.get(k_relative_var)) {
        // Appended to the agent's address: without the leading "/", "@evil.example/" would
        // move the request to another host.
        if (relative->front() != '/' || has_unsafe_byte(*relative)) {
            return config_error(std::string(k_relative_var) + " must be a path starting with '/': " +
                                util::printable(*relative));
        }
        return k_container_relative_base + *relative;
    }
    auto full = env.get(k_full_var);
    if (!full) {
        return config_error(std::string("neither ") + k_relative_var + " nor " + k_full_var +
                            " is set (no container credentials endpoint)");
    }
    auto parts = split_url(*full);
    if (!parts) {
        return config_error(std::string(k_full_var) + " is not an http:// or https:// URL" + k_url_form);
    }
    if (parts->scheme == "http" && !is_allowed_container_http_host(parts->host)) {
        return config_error(std::string(k_full_var) + " names host '" + util::printable(parts->host) +
                            "' over http: only https, or http to a loopback address, 169.254.170.2, "
                            "169.254.170.23 or fd00:ec2::23, is allowed");
    }
    return *full;
}

Result<std::optional<std::string>> container_authorization(const util::Env& env) {
    if (auto path = env.get(k_token_file_var)) {
        TRY(auto token, read_token_file(*path));
        return std::optional<std::string>(std::move(token));
    }
    if (auto token = env.get(k_token_var)) {
        TRY(auto value, header_value(*token, k_token_var));
        return std::optional<std::string>(std::move(value));
    }
    return std::optional<std::string>();
}

}  // namespace awsume_shell::credentials
