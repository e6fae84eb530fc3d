#include "awsume_shell/cache/sso_registration.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>

#include "awsume_shell/cache/sso_token.hpp"
#include "awsume_shell/util/atomic_file.hpp"
#include "awsume_shell/util/file_trust.hpp"
#include "awsume_shell/util/sha1.hpp"

namespace awsume_shell::cache {

namespace {

using Json = nlohmann::ordered_json;

void append_u(std::string& out, unsigned unit) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "\\u%04x", unit & 0xffff);
    out += buf;
}

/// One UTF-8 code point at `i` (advanced past it), or nullopt for a byte that starts none.
std::optional<unsigned> next_code_point(const std::string& s, std::size_t& i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned b0 = byte(i);
    const std::size_t len = b0 < 0x80 ? 1 : (b0 >> 5) == 6 ? 2 : (b0 >> 4) == 14 ? 3 : (b0 >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
        return std::nullopt;
    }
    unsigned cp = len == 1 ? b0 : b0 & (0x7f >> len);
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(i + k) & 0xc0) != 0x80) {
            return std::nullopt;
        }
        cp = cp << 6 | (byte(i + k) & 0x3f);
    }
    i += len;
    return cp;
}

/// A string as Python's json.dumps (ensure_ascii=True) writes it.
std::string python_json_string(const std::string& s) {
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (c < 0x20) {
                    append_u(out, c);
                } else {
                    out.push_back(static_cast<char>(c));
                }
            }
            continue;
        }
        auto cp = next_code_point(s, i);
        if (!cp) {  // not UTF-8: Python could not have read it either; one escape per byte
            append_u(out, c);
            ++i;
        } else if (*cp >= 0x10000) {
            append_u(out, 0xd800 + ((*cp - 0x10000) >> 10));
            append_u(out, 0xdc00 + ((*cp - 0x10000) & 0x3ff));
        } else {
            append_u(out, *cp);
        }
    }
    return out + "\"";
}

std::string python_json_or_null(const std::string& s) { return s.empty() ? "null" : python_json_string(s); }

}  // namespace

std::string sso_registration_key_text(const std::string& start_url, const std::string& session_name,
                                      const std::string& region, const std::vector<std::string>& scopes) {
    std::string scope_list = "null";
    if (!scopes.empty()) {
        scope_list = "[";
        for (std::size_t i = 0; i < scopes.size(); ++i) {
            scope_list += (i == 0 ? "" : ", ") + python_json_string(scopes[i]);
        }
        scope_list += "]";
    }
    return "{\"region\": " + python_json_or_null(region) + ", \"scopes\": " + scope_list +
           ", \"session_name\": " + python_json_or_null(session_name) +
           ", \"startUrl\": " + python_json_or_null(start_url) + ", \"tool\": \"botocore\"}";
}

std::string sso_registration_path(const std::string& dir, const std::string& start_url,
                                  const std::string& session_name, const std::string& region,
                                  const std::vector<std::string>& scopes) {
    return dir + "/" + util::sha1_hex(sso_registration_key_text(start_url, session_name, region, scopes)) + ".json";
}

Result<std::optional<SsoRegistration>> read_sso_registration(const std::string& path) {
    TRY(auto text, util::read_trusted_file(path));
    if (!text) {
        return std::optional<SsoRegistration>{};
    }
    const auto fail = [&](const std::string& problem) { return make_error(Errc::config, path + ": " + problem); };
    if (text->size() > k_max_sso_file_size) {
        return fail("larger than 64 KiB");
    }
    const Json doc = Json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object()) {
        return fail("not a JSON object");
    }
    SsoRegistration registration;
    for (const auto& [name, out] : {std::pair<const char*, std::string*>{"clientId", &registration.client_id},
                                    {"clientSecret", &registration.client_secret}}) {
        const auto it = doc.find(name);
        if (it == doc.end() || !it->is_string() || it->get<std::string>().empty()) {
            return fail(std::string("no \"") + name + "\"");
        }
        *out = it->get<std::string>();
    }
    const auto expires = doc.find("expiresAt");
    const auto when = expires != doc.end() && expires->is_string()
                          ? parse_sso_time(expires->get<std::string>())
                          : std::nullopt;
    if (!when) {
        return fail("\"expiresAt\" is not a time with a zone");
    }
    registration.expires_at = *when;
    if (const auto scopes = doc.find("scopes"); scopes != doc.end() && scopes->is_array()) {
        for (const auto& scope : *scopes) {
            if (scope.is_string()) {
                registration.scopes.push_back(scope.get<std::string>());
            }
        }
    }
    return std::optional<SsoRegistration>(std::move(registration));
}

Result<void> write_sso_registration(const std::string& path, const SsoRegistration& registration) {
    TRY_VOID(util::make_private_parent(path));
    Json doc = Json::object();
    if (auto current = util::read_trusted_file(path); current && *current && (*current)->size() <= k_max_sso_file_size) {
        doc = Json::parse(**current, nullptr, /*allow_exceptions=*/false);
        if (doc.is_discarded() || !doc.is_object()) {
            doc = Json::object();
        }
    }
    doc["clientId"] = registration.client_id;
    doc["clientSecret"] = registration.client_secret;
    doc["expiresAt"] = format_sso_time(registration.expires_at);
    if (registration.scopes.empty()) {
        doc.erase("scopes");
    } else {
        doc["scopes"] = registration.scopes;
    }
    return util::write_file_atomically(path, doc.dump(-1, ' ', false, Json::error_handler_t::replace), 0600);
}

}  // namespace awsume_shell::cache
