#include "awsume_shell/aws/sigv4.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

#include "awsume_shell/aws/crypto.hpp"

namespace awsume_shell::aws {
namespace {

constexpr std::string_view k_algorithm = "AWS4-HMAC-SHA256";

std::string to_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Trim and collapse every run of whitespace (folded header lines included) to one space.
std::string canonical_header_value(std::string_view value) {
    std::string out;
    bool pending_space = false;
    for (char c : value) {
        if (is_space(c)) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) {
            out.push_back(' ');
            pending_space = false;
        }
        out.push_back(c);
    }
    return out;
}

/// RFC 3986 remove_dot_segments, plus collapsing of empty segments ("//").
std::string normalize_path(std::string_view path) {
    std::vector<std::string_view> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        if (slash == std::string_view::npos) {
            slash = path.size();
        }
        std::string_view segment = path.substr(start, slash - start);
        if (segment == "..") {
            if (!segments.empty()) {
                segments.pop_back();
            }
        } else if (!segment.empty() && segment != ".") {
            segments.push_back(segment);
        }
        start = slash + 1;
    }
    std::string out;
    for (std::string_view segment : segments) {
        out += '/';
        out += segment;
    }
    if (out.empty() || (path.size() > 1 && path.back() == '/')) {
        out += '/';
    }
    return out;
}

std::string canonical_query(const NameValues& query) {
    std::vector<std::pair<std::string, std::string>> encoded;
    encoded.reserve(query.size());
    for (const auto& [name, value] : query) {
        encoded.emplace_back(uri_encode(name, false), uri_encode(value, false));
    }
    std::sort(encoded.begin(), encoded.end());
    std::string out;
    for (const auto& [name, value] : encoded) {
        if (!out.empty()) {
            out += '&';
        }
        out += name + "=" + value;
    }
    return out;
}

std::string derive_signature(const SigningParams& params, const std::string& date,
                             const std::string& string_to_sign) {
    std::string key = hmac_sha256("AWS4" + params.credentials.secret_access_key, date);
    key = hmac_sha256(key, params.region);
    key = hmac_sha256(key, params.service);
    key = hmac_sha256(key, "aws4_request");
    return hex_encode(hmac_sha256(key, string_to_sign));
}

}  // namespace

std::string uri_encode(std::string_view text, bool keep_slash) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' ||
            (keep_slash && c == '/')) {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(k_hex[c >> 4]);
            out.push_back(k_hex[c & 0x0f]);
        }
    }
    return out;
}

std::string uri_decode(std::string_view text) {
    auto hex_value = [](char c) -> int {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
    };
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            int high = hex_value(text[i + 1]);
            int low = hex_value(text[i + 2]);
            if (high >= 0 && low >= 0) {
                out.push_back(static_cast<char>(high * 16 + low));
                i += 2;
                continue;
            }
        }
        out.push_back(text[i]);
    }
    return out;
}

std::string amz_date(util::UnixTime t) {
    // Civil-from-days (Howard Hinnant), so the signer needs no locale or libc time state.
    util::UnixTime days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    util::UnixTime secs = t - days * 86400;
    days += 719468;
    util::UnixTime era = (days >= 0 ? days : days - 146096) / 146097;
    util::UnixTime doe = days - era * 146097;
    util::UnixTime yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    util::UnixTime doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    util::UnixTime mp = (5 * doy + 2) / 153;
    util::UnixTime day = doy - (153 * mp + 2) / 5 + 1;
    util::UnixTime month = mp < 10 ? mp + 3 : mp - 9;
    util::UnixTime year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    char buffer[80];  // roomy: -Wformat-truncation cannot bound the year
    std::snprintf(buffer, sizeof buffer, "%04lld%02lld%02lldT%02lld%02lld%02lldZ",
                  static_cast<long long>(year), static_cast<long long>(month),
                  static_cast<long long>(day), static_cast<long long>(secs / 3600),
                  static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
    return buffer;
}

SigningResult sign(const SigningRequest& request, const SigningParams& params) {
    SigningResult result;
    const std::string timestamp = amz_date(params.time);
    const std::string date = timestamp.substr(0, 8);
    const std::string scope = date + "/" + params.region + "/" + params.service + "/aws4_request";
    const std::string payload_hash = sha256_hex(request.body);
    const std::string& token = params.credentials.session_token;
    const bool sign_token = !token.empty() && !params.omit_session_token;
    const bool in_query = params.location == SignatureLocation::query;

    // Lower-cased names, in order; duplicates keep their order and are joined with ','.
    std::map<std::string, std::vector<std::string>> headers;
    for (const auto& [name, value] : request.headers) {
        headers[to_lower(name)].push_back(canonical_header_value(value));
    }
    if (!in_query) {
        result.headers.emplace_back("X-Amz-Date", timestamp);
        if (sign_token) {
            result.headers.emplace_back("X-Amz-Security-Token", token);
        }
        if (params.sign_body) {
            result.headers.emplace_back("x-amz-content-sha256", payload_hash);
        }
        for (const auto& [name, value] : result.headers) {
            headers[to_lower(name)].push_back(value);
        }
    }
    std::string canonical_headers;
    std::string signed_headers;
    for (const auto& [name, values] : headers) {
        std::string joined;
        for (const std::string& value : values) {
            joined += (joined.empty() ? "" : ",") + value;
        }
        canonical_headers += name + ":" + joined + "\n";
        signed_headers += (signed_headers.empty() ? "" : ";") + name;
    }

    NameValues query = request.query;
    if (in_query) {
        result.query = {{"X-Amz-Algorithm", std::string(k_algorithm)},
                        {"X-Amz-Credential", params.credentials.access_key_id + "/" + scope},
                        {"X-Amz-Date", timestamp},
                        {"X-Amz-SignedHeaders", signed_headers},
                        {"X-Amz-Expires", std::to_string(params.expires_seconds)}};
        if (sign_token) {
            result.query.emplace_back("X-Amz-Security-Token", token);
        }
        query.insert(query.end(), result.query.begin(), result.query.end());
    }

    const std::string path =
        params.normalize_path ? normalize_path(request.path) : std::string(request.path);
    result.canonical_request = request.method + "\n" + uri_encode(path, true) + "\n" +
                               canonical_query(query) + "\n" + canonical_headers + "\n" +
                               signed_headers + "\n" + payload_hash;
    result.string_to_sign = std::string(k_algorithm) + "\n" + timestamp + "\n" + scope + "\n" +
                            sha256_hex(result.canonical_request);
    result.signature = derive_signature(params, date, result.string_to_sign);

    if (in_query) {
        result.query.emplace_back("X-Amz-Signature", result.signature);
        if (!token.empty() && params.omit_session_token) {
            result.query.emplace_back("X-Amz-Security-Token", token);
        }
    } else {
        if (!token.empty() && params.omit_session_token) {
            result.headers.emplace_back("X-Amz-Security-Token", token);
        }
        result.headers.emplace_back(
            "Authorization", std::string(k_algorithm) + " Credential=" +
                                 params.credentials.access_key_id + "/" + scope +
                                 ", SignedHeaders=" + signed_headers +
                                 ", Signature=" + result.signature);
    }
    return result;
}

}  // namespace awsume_shell::aws
