#include "awsume_shell/aws/proxy.hpp"

#include <arpa/inet.h>

#include <array>
#include <cstring>
#include <optional>

#include "awsume_shell/aws/endpoints.hpp"

namespace awsume_shell::aws {
namespace {

std::string lower(std::string text) { return ascii_lower(std::move(text)); }

std::string trim(const std::string& text) {
    std::size_t start = text.find_first_not_of(" \t");
    if (start == std::string::npos) {
        return {};
    }
    return text.substr(start, text.find_last_not_of(" \t") - start + 1);
}

struct Target {
    std::string scheme;  ///< lower case
    std::string host;    ///< lower case, IPv6 without brackets
    std::string port;    ///< explicit or the scheme's default
};

Target parse_target(const std::string& url) {
    Target target;
    std::size_t scheme_end = url.find("://");
    std::size_t start = 0;
    if (scheme_end != std::string::npos) {
        target.scheme = lower(url.substr(0, scheme_end));
        start = scheme_end + 3;
    }
    std::string authority = url.substr(start, url.find_first_of("/?#", start) - start);
    if (std::size_t at = authority.rfind('@'); at != std::string::npos) {
        authority = authority.substr(at + 1);
    }
    if (!authority.empty() && authority.front() == '[') {
        std::size_t close = authority.find(']');
        target.host = authority.substr(1, close == std::string::npos ? close : close - 1);
        if (close != std::string::npos && close + 1 < authority.size() && authority[close + 1] == ':') {
            target.port = authority.substr(close + 2);
        }
    } else if (std::size_t colon = authority.rfind(':'); colon != std::string::npos) {
        target.host = authority.substr(0, colon);
        target.port = authority.substr(colon + 1);
    } else {
        target.host = authority;
    }
    target.host = lower(target.host);
    if (target.port.empty()) {
        target.port = target.scheme == "http" ? "80" : "443";
    }
    return target;
}

/// An IPv4 or IPv6 address as 16 bytes (IPv4 in the first 4), with its bit count.
struct Address {
    std::array<unsigned char, 16> bytes{};
    int bits = 0;
};

std::optional<Address> parse_address(const std::string& text) {
    Address address;
    if (inet_pton(AF_INET, text.c_str(), address.bytes.data()) == 1) {
        address.bits = 32;
        return address;
    }
    if (inet_pton(AF_INET6, text.c_str(), address.bytes.data()) == 1) {
        address.bits = 128;
        return address;
    }
    return std::nullopt;
}

bool in_range(const Address& address, const Address& network, int prefix) {
    if (address.bits != network.bits || prefix < 0 || prefix > network.bits) {
        return false;
    }
    for (int bit = 0; bit < prefix; ++bit) {
        const unsigned mask = 0x80u >> (bit % 8);
        if ((address.bytes[bit / 8] & mask) != (network.bytes[bit / 8] & mask)) {
            return false;
        }
    }
    return true;
}

/// One NO_PROXY entry against the target.
bool entry_matches(std::string entry, const Target& target) {
    entry = lower(trim(entry));
    if (entry.empty()) {
        return false;
    }
    if (entry.front() == '[') {  // "[::1]" or "[::1]:443"
        std::size_t close = entry.find(']');
        if (close == std::string::npos) {
            return false;
        }
        std::string port = close + 2 <= entry.size() ? entry.substr(close + 1) : "";
        if (!port.empty() && port != ":" + target.port) {
            return false;
        }
        entry = entry.substr(1, close - 1);
    }
    if (std::size_t slash = entry.find('/'); slash != std::string::npos) {  // CIDR
        auto network = parse_address(entry.substr(0, slash));
        auto address = parse_address(target.host);
        const std::string prefix = entry.substr(slash + 1);
        if (!network || !address || prefix.empty() || prefix.size() > 3 ||
            prefix.find_first_not_of("0123456789") != std::string::npos) {
            return false;
        }
        return in_range(*address, *network, std::stoi(prefix));
    }
    if (auto network = parse_address(entry)) {
        auto address = parse_address(target.host);
        return address && address->bits == network->bits && address->bytes == network->bytes;
    }
    // "host:port" (botocore): the port must match too.
    if (std::size_t colon = entry.rfind(':'); colon != std::string::npos) {
        if (entry.substr(colon + 1) != target.port) {
            return false;
        }
        entry = entry.substr(0, colon);
    }
    while (!entry.empty() && entry.front() == '.') {  // ".example.com" == "example.com"
        entry.erase(0, 1);
    }
    if (entry.empty()) {
        return false;
    }
    const std::string& host = target.host;
    return host == entry ||
           (host.size() > entry.size() && host.compare(host.size() - entry.size(), entry.size(), entry) == 0 &&
            host[host.size() - entry.size() - 1] == '.');
}

bool bypassed(const std::string& no_proxy, const Target& target) {
    if (trim(no_proxy) == "*") {
        return true;
    }
    std::size_t start = 0;
    while (start <= no_proxy.size()) {
        std::size_t comma = no_proxy.find(',', start);
        if (entry_matches(no_proxy.substr(start, comma == std::string::npos ? comma : comma - start), target)) {
            return true;
        }
        if (comma == std::string::npos) {
            break;
        }
        start = comma + 1;
    }
    return false;
}

/// The first of the variables that is set and not empty.
std::optional<std::pair<std::string, std::string>> first_set(const util::Env& env,
                                                              std::initializer_list<const char*> names) {
    for (const char* name : names) {
        if (auto value = env.get(name); value && !trim(*value).empty()) {
            return std::pair{std::string(name), trim(*value)};
        }
    }
    return std::nullopt;
}

}  // namespace

Result<std::string> proxy_for(const std::string& url, const util::Env& env) {
    const Target target = parse_target(url);
    if (is_loopback_host(target.host)) {
        return std::string{};
    }
    if (auto no_proxy = first_set(env, {"no_proxy", "NO_PROXY"}); no_proxy && bypassed(no_proxy->second, target)) {
        return std::string{};
    }
    if (target.scheme == "http") {
        // curl reads only the lower-case http_proxy (HTTP_PROXY can be set by a CGI client).
        if (auto proxy = first_set(env, {"http_proxy", "all_proxy", "ALL_PROXY"})) {
            return make_error(Errc::config, proxy->first + " is set: a plain http:// request to " + target.host +
                                                " would cross the network unencrypted through the proxy; "
                                                "use https:// or add the host to NO_PROXY");
        }
        return std::string{};
    }
    if (auto proxy = first_set(env, {"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"})) {
        // A control character or space is no URL; refused here, as libcurl's own message
        // would quote the whole value (its password too) to the terminal.
        for (char c : proxy->second) {
            if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
                return make_error(Errc::config, proxy->first + " (" + redact_proxy(proxy->second) +
                                                    ") holds a control character or space: not a proxy URL");
            }
        }
        return proxy->second;
    }
    return std::string{};
}

std::string redact_proxy(const std::string& proxy) {
    const std::size_t scheme_end = proxy.find("://");
    const std::size_t start = scheme_end == std::string::npos ? 0 : scheme_end + 3;
    const std::size_t authority_end = proxy.find_first_of("/?#", start);
    const std::size_t at = proxy.rfind('@', authority_end == std::string::npos ? std::string::npos : authority_end);
    std::string shown = at == std::string::npos || at < start
                            ? proxy
                            : proxy.substr(0, start) + "***" + proxy.substr(at);
    for (char& c : shown) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            c = '?';
        }
    }
    return shown;
}

}  // namespace awsume_shell::aws
