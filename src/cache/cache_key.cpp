#include "awsume_shell/cache/cache_key.hpp"

#include <cstdint>
#include <initializer_list>

namespace awsume_shell::cache {

namespace {

constexpr std::size_t k_max_prefix = 80;

/// Length-prefixed parts, so that ("ab","c") and ("a","bc") never give the same identity.
std::string join(std::initializer_list<const std::string*> parts) {
    std::string out;
    for (const std::string* part : parts) {
        out += std::to_string(part->size());
        out += ':';
        out += *part;
    }
    return out;
}

std::string after_last(const std::string& text, char sep) {
    const auto pos = text.rfind(sep);
    return pos == std::string::npos ? text : text.substr(pos + 1);
}

std::uint64_t fnv1a(std::uint64_t hash, const std::string& text) {
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

std::string sanitize(const std::string& text) {
    std::string out;
    for (char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        out += ok ? c : '_';
        if (out.size() >= k_max_prefix) {
            break;
        }
    }
    if (!out.empty() && out[0] == '.') {
        out[0] = '_';
    }
    return out;
}

}  // namespace

CacheKey mfa_session_key(const std::string& source_access_key_id, const std::string& mfa_serial) {
    // The device's name (arn:...:mfa/alice -> alice) reads better than a key id; a key id
    // is shown only by its last four characters.
    std::string label = after_last(after_last(mfa_serial, ':'), '/');
    const std::string key_tail = source_access_key_id.size() > 4
                                     ? source_access_key_id.substr(source_access_key_id.size() - 4)
                                     : source_access_key_id;
    label = label.empty() ? key_tail : label + "_" + key_tail;
    return CacheKey{"mfa-session", label, join({&source_access_key_id, &mfa_serial})};
}

CacheKey role_key(const std::string& source_identity, const std::string& role_arn,
                  const std::string& session_name, const std::string& external_id) {
    // arn:PARTITION:iam::ACCOUNT:role/path/NAME -> "ACCOUNT_NAME"
    std::string account;
    std::size_t field_start = 0;
    for (int field = 0; field < 4 && field_start != std::string::npos; ++field) {
        const auto colon = role_arn.find(':', field_start);
        field_start = colon == std::string::npos ? colon : colon + 1;
    }
    if (field_start != std::string::npos) {
        account = role_arn.substr(field_start, role_arn.find(':', field_start) - field_start);
    }
    const std::string name = after_last(role_arn, '/');
    std::string label = account.empty() ? name : account + "_" + name;
    return CacheKey{"role", label,
                    join({&source_identity, &role_arn, &session_name, &external_id})};
}

CacheKey sso_role_key(const std::string& start_url, const std::string& sso_region, const std::string& session_name,
                      const std::string& account_id, const std::string& role_name) {
    return CacheKey{"sso-role", account_id + "_" + role_name,
                    join({&start_url, &sso_region, &session_name, &account_id, &role_name})};
}

std::string file_name_for(const CacheKey& key) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    hash = fnv1a(hash, std::to_string(key.kind.size()) + ":" + key.kind);
    hash = fnv1a(hash, std::to_string(key.label.size()) + ":" + key.label);
    hash = fnv1a(hash, std::to_string(key.identity.size()) + ":" + key.identity);
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string hex(16, '0');
    for (int i = 15; i >= 0; --i) {
        hex[static_cast<std::size_t>(i)] = k_hex[hash & 0xf];
        hash >>= 4;
    }
    return sanitize(key.kind + "-" + key.label) + "-" + hex + ".json";
}

}  // namespace awsume_shell::cache
