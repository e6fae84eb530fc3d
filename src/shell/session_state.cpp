#include "awsume_shell/shell/session_state.hpp"

#include <nlohmann/json.hpp>

namespace awsume_shell::shell {

namespace {

using Json = nlohmann::json;
constexpr int k_version = 1;

template <class T>
void put(Json& doc, const char* key, const std::optional<T>& value) {
    if (value) {
        doc[key] = *value;
    }
}

template <class T>
bool get(const Json& doc, const char* key, std::optional<T>& out) {
    auto it = doc.find(key);
    if (it == doc.end() || it->is_null()) {
        return true;
    }
    if constexpr (std::is_same_v<T, std::string>) {
        if (!it->is_string()) {
            return false;
        }
    } else {
        if (!it->is_number_integer()) {
            return false;
        }
    }
    out = it->template get<T>();
    return true;
}

Unexpected malformed(std::string_view why) {
    return make_error(Errc::usage, std::string(k_session_variable) + " is not an awsume-shell session (" +
                                       std::string(why) + "); unset it or start a new shell");
}

}  // namespace

std::string encode_session_state(const SessionState& state) {
    Json doc = Json::object();
    doc["v"] = k_version;
    doc["profile"] = state.profile;
    put(doc, "role_arn", state.role_arn);
    put(doc, "session_name", state.session_name);
    put(doc, "role_duration", state.role_duration);
    put(doc, "session_duration", state.session_duration);
    put(doc, "config_file", state.config_file);
    put(doc, "credentials_file", state.credentials_file);
    put(doc, "region", state.region);
    put(doc, "output_profile", state.output_profile);
    put(doc, "refresh_blocker", state.refresh_blocker);
    if (state.auto_refresh) {
        doc["auto_refresh"] = true;
    }
    // Invalid UTF-8 in a path must not throw: replace it (the path then fails to open,
    // with an error naming it).
    return doc.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<SessionState> decode_session_state(std::string_view text) {
    Json doc = Json::parse(text.begin(), text.end(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        return malformed("not a JSON object");
    }
    auto version = doc.find("v");
    if (version == doc.end() || !version->is_number_integer() || version->get<int>() != k_version) {
        return malformed("unknown version");
    }
    SessionState state;
    auto profile = doc.find("profile");
    if (profile == doc.end() || !profile->is_string()) {
        return malformed("no profile");
    }
    state.profile = profile->get<std::string>();
    bool ok = get(doc, "role_arn", state.role_arn) && get(doc, "session_name", state.session_name) &&
              get(doc, "role_duration", state.role_duration) &&
              get(doc, "session_duration", state.session_duration) &&
              get(doc, "config_file", state.config_file) &&
              get(doc, "credentials_file", state.credentials_file) && get(doc, "region", state.region) &&
              get(doc, "output_profile", state.output_profile) &&
              get(doc, "refresh_blocker", state.refresh_blocker);
    if (auto it = doc.find("auto_refresh"); it != doc.end()) {
        ok = ok && it->is_boolean();
        state.auto_refresh = ok && it->get<bool>();
    }
    if (!ok) {
        return malformed("a field has the wrong type");
    }
    if (state.profile.empty() && !state.role_arn) {
        return malformed("no profile");
    }
    return state;
}

std::vector<std::string> session_arguments(const SessionState& state) {
    std::vector<std::string> args;
    auto add = [&args](const char* option, const auto& value) {
        if (value) {
            args.emplace_back(option);
            if constexpr (std::is_same_v<std::decay_t<decltype(*value)>, std::string>) {
                args.push_back(*value);
            } else {
                args.push_back(std::to_string(*value));
            }
        }
    };
    add("--role-arn", state.role_arn);
    add("--session-name", state.session_name);
    add("--role-duration", state.role_duration);
    add("--session-duration", state.session_duration);
    add("--config-file", state.config_file);
    add("--credentials-file", state.credentials_file);
    add("--region", state.region);
    if (!state.profile.empty()) {
        args.push_back(state.profile);
    }
    return args;
}

Result<std::optional<SessionState>> current_session(const util::Env& env) {
    auto text = env.get(k_session_variable);
    if (!text) {
        return std::optional<SessionState>{};
    }
    TRY(SessionState state, decode_session_state(*text));
    return std::optional<SessionState>{std::move(state)};
}

Result<void> check_not_nested(const util::Env& env, bool nested) {
    if (nested || !env.has(k_session_variable)) {
        return {};
    }
    std::string name;
    if (auto state = decode_session_state(*env.get(k_session_variable))) {
        name = state->profile.empty() ? state->role_arn.value_or("") : state->profile;
    }
    if (name.empty()) {
        name = env.get("AWSUME_PROFILE").value_or("?");
    }
    return make_error(Errc::usage, "already in an awsume-shell session for " + name +
                                       "; use --nested to start another");
}

}  // namespace awsume_shell::shell
