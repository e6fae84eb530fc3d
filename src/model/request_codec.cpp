#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "awsume_shell/model/request.hpp"

namespace awsume_shell::model {

namespace {

using Json = nlohmann::json;
constexpr int k_version = 1;

/// The encoded fields, one row each: the only keys encode_request writes and
/// decode_request accepts (besides "v", "profile" and "auto_refresh"). mfa_code and
/// refresh have no row, so no code path can write them.
struct TextField {
    const char* key;
    std::optional<std::string> Request::*member;
};
constexpr TextField k_text_fields[] = {
    {"role_arn", &Request::role_arn},
    {"session_name", &Request::session_name},
    {"config_file", &Request::config_file},
    {"credentials_file", &Request::credentials_file},
    {"region", &Request::region},
    {"output_profile", &Request::output_profile},
    {"refresh_blocker", &Request::refresh_blocker},
};

struct SecondsField {
    const char* key;
    std::optional<int> Request::*member;
    SecondsRange range;
};
constexpr SecondsField k_seconds_fields[] = {
    {"role_duration", &Request::role_duration, k_role_duration_range},
    {"session_duration", &Request::session_duration, k_session_duration_range},
};

Unexpected malformed(std::string_view why) {
    return make_error(Errc::usage, std::string(k_session_variable) + " is not an awsume-shell session (" +
                                       std::string(why) + "); unset it or start a new shell");
}

bool is_known_key(const std::string& key) {
    if (key == "v" || key == "profile" || key == "auto_refresh") {
        return true;
    }
    for (const TextField& field : k_text_fields) {
        if (key == field.key) {
            return true;
        }
    }
    for (const SecondsField& field : k_seconds_fields) {
        if (key == field.key) {
            return true;
        }
    }
    return false;
}

/// The value under `key`; nullptr when it is absent or null (null reads as absent, as
/// the first encoders wrote nothing else for an unset field).
const Json* value_of(const Json& doc, const char* key) {
    const auto it = doc.find(key);
    return it == doc.end() || it->is_null() ? nullptr : &*it;
}

}  // namespace

std::string encode_request(const Request& request) {
    Json doc = Json::object();
    doc["v"] = k_version;
    doc["profile"] = request.profile;
    for (const TextField& field : k_text_fields) {
        if (const auto& value = request.*field.member) {
            doc[field.key] = *value;
        }
    }
    for (const SecondsField& field : k_seconds_fields) {
        if (const auto& value = request.*field.member) {
            doc[field.key] = *value;
        }
    }
    if (request.auto_refresh && request.output_profile) {
        doc["auto_refresh"] = true;
    }
    // Invalid UTF-8 in a path must not throw: replace it (the path then fails to open,
    // with an error naming it).
    return doc.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<Request> decode_request(std::string_view text) {
    // A key given twice is refused: which of the two a reader keeps differs between readers.
    std::set<std::string> keys;
    bool twice = false;
    const Json::parser_callback_t note_keys = [&](int depth, Json::parse_event_t event, Json& parsed) {
        if (event == Json::parse_event_t::key && depth == 1 && parsed.is_string() &&
            !keys.insert(parsed.get<std::string>()).second) {
            twice = true;
        }
        return true;
    };
    const Json doc = Json::parse(text.begin(), text.end(), note_keys, false);
    if (doc.is_discarded() || !doc.is_object()) {
        return malformed("not a JSON object");
    }
    if (twice) {
        return malformed("a key is given twice");
    }
    const auto version = doc.find("v");
    if (version == doc.end() || !version->is_number_integer() || version->get<long long>() != k_version) {
        return malformed("unknown version");
    }
    for (const auto& item : doc.items()) {
        if (!is_known_key(item.key())) {
            // The key's name only: a value may be anything, a secret included.
            return malformed("unknown key");
        }
    }
    Request request;
    const auto profile = doc.find("profile");
    if (profile == doc.end() || !profile->is_string()) {
        return malformed("no profile");
    }
    request.profile = profile->get<std::string>();
    for (const TextField& field : k_text_fields) {
        if (const Json* value = value_of(doc, field.key)) {
            if (!value->is_string()) {
                return malformed("a field has the wrong type");
            }
            request.*field.member = value->get<std::string>();
        }
    }
    for (const SecondsField& field : k_seconds_fields) {
        const Json* value = value_of(doc, field.key);
        if (value == nullptr) {
            continue;
        }
        if (!value->is_number_integer()) {
            return malformed("a field has the wrong type");
        }
        // Above the range either way; read as signed it could wrap into it.
        const long long seconds = value->is_number_unsigned() && value->get<unsigned long long>() > 1ULL << 62
                                      ? -1
                                      : value->get<long long>();
        if (!field.range.contains(seconds)) {
            return malformed(std::string(field.key) + " out of range");
        }
        request.*field.member = static_cast<int>(seconds);
    }
    if (const auto it = doc.find("auto_refresh"); it != doc.end()) {
        if (!it->is_boolean()) {
            return malformed("a field has the wrong type");
        }
        request.auto_refresh = it->get<bool>() && request.output_profile;
    }
    if (request.profile.empty() && !request.role_arn) {
        return malformed("no profile");
    }
    return request;
}

}  // namespace awsume_shell::model
