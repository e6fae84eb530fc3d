#include "awsume_shell/cache/sso_token.hpp"

#include <nlohmann/json.hpp>

#include "awsume_shell/util/atomic_file.hpp"
#include "awsume_shell/util/file_trust.hpp"
#include "awsume_shell/util/sha1.hpp"
#include "awsume_shell/util/time_format.hpp"

namespace awsume_shell::cache {

namespace {

using Json = nlohmann::ordered_json;

/// Longer than any time form we read; longer text is not a time.
constexpr std::size_t k_max_time_text = 64;

bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

/// A string member: nullopt when absent or null; false with `problem` set when of another type.
bool string_member(const Json& doc, const char* name, std::optional<std::string>& out,
                   std::string& problem) {
    const auto it = doc.find(name);
    if (it == doc.end() || it->is_null()) {
        out.reset();
        return true;
    }
    if (!it->is_string()) {
        problem = std::string("\"") + name + "\" is not a string";
        return false;
    }
    out = it->get<std::string>();
    return true;
}

bool time_member(const Json& doc, const char* name, std::optional<util::UnixTime>& out,
                 std::string& problem) {
    std::optional<std::string> text;
    if (!string_member(doc, name, text, problem)) {
        return false;
    }
    if (!text) {
        out.reset();
        return true;
    }
    out = parse_sso_time(*text);
    if (!out) {
        problem = std::string("\"") + name + "\" is not a time with a zone";
        return false;
    }
    return true;
}

void set_or_erase(Json& doc, const char* name, const std::optional<std::string>& value) {
    if (value) {
        doc[name] = *value;
    } else {
        doc.erase(name);
    }
}

}  // namespace

bool SsoToken::can_refresh(util::UnixTime now) const {
    return refresh_token && !refresh_token->empty() && client_id && !client_id->empty() &&
           client_secret && !client_secret->empty() && registration_expires_at &&
           *registration_expires_at > now;
}

std::string sso_cache_dir(const util::Env& env) { return env.home() + "/.aws/sso/cache"; }

std::string sso_token_path(const std::string& dir, const std::string& token_key) {
    return dir + "/" + util::sha1_hex(token_key) + ".json";
}

std::optional<util::UnixTime> parse_sso_time(std::string_view text) {
    if (text.size() > k_max_time_text) {
        return std::nullopt;
    }
    std::string s(text);
    if (s.size() > 10 && s[10] == ' ') {  // "2026-12-02 10:00:00...": Python's str(datetime)
        s[10] = 'T';
    }
    for (const char* zone : {"UTC", "GMT"}) {  // "%Z" of an aware UTC datetime
        if (ends_with(s, zone)) {
            s.resize(s.size() - 3);
            if (!s.empty() && s.back() == ' ') {
                s.pop_back();
            }
            s += 'Z';
            break;
        }
    }
    // "10:00:00 +01:00": a space before the offset.
    if (const auto space = s.rfind(' '); space != std::string::npos && space > 10 &&
                                         space + 1 < s.size() &&
                                         (s[space + 1] == '+' || s[space + 1] == '-' || s[space + 1] == 'Z')) {
        s.erase(space, 1);
    }
    return util::parse_iso8601(s);
}

std::string format_sso_time(util::UnixTime t) { return util::format_iso8601(t); }

std::optional<SsoToken> sso_token_from_json(std::string_view text, std::string& problem) {
    problem.clear();
    if (text.size() > k_max_sso_file_size) {
        problem = "larger than 64 KiB";
        return std::nullopt;
    }
    try {
        const Json doc = Json::parse(text, nullptr, /*allow_exceptions=*/false);
        if (doc.is_discarded() || !doc.is_object()) {
            problem = "not a JSON object";
            return std::nullopt;
        }
        SsoToken token;
        std::optional<std::string> access_token;
        std::optional<util::UnixTime> expires_at;
        if (!string_member(doc, "accessToken", access_token, problem) ||
            !time_member(doc, "expiresAt", expires_at, problem) ||
            !string_member(doc, "refreshToken", token.refresh_token, problem) ||
            !string_member(doc, "clientId", token.client_id, problem) ||
            !string_member(doc, "clientSecret", token.client_secret, problem) ||
            !time_member(doc, "registrationExpiresAt", token.registration_expires_at, problem) ||
            !string_member(doc, "region", token.region, problem) ||
            !string_member(doc, "startUrl", token.start_url, problem)) {
            return std::nullopt;
        }
        if (!access_token || access_token->empty()) {
            problem = "no \"accessToken\"";
            return std::nullopt;
        }
        if (!expires_at) {
            problem = "no \"expiresAt\"";
            return std::nullopt;
        }
        token.access_token = std::move(*access_token);
        token.expires_at = *expires_at;
        return token;
    } catch (const std::exception&) {  // nlohmann throws on nothing here; bad_alloc at most
        problem = "not a JSON object";
        return std::nullopt;
    }
}

Result<std::optional<SsoToken>> read_sso_token(const std::string& path) {
    TRY(auto text, util::read_trusted_file(path));
    if (!text) {
        return std::optional<SsoToken>{};
    }
    std::string problem;
    auto token = sso_token_from_json(*text, problem);
    if (!token) {
        return make_error(Errc::config, path + ": " + problem);
    }
    return std::optional<SsoToken>(std::move(*token));
}

std::string merge_sso_token(std::string_view text, const SsoToken& token) {
    Json doc = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object()) {
        doc = Json::object();
    }
    // The order of the AWS CLI's own files, for members that are new.
    set_or_erase(doc, "startUrl", token.start_url);
    set_or_erase(doc, "region", token.region);
    doc["accessToken"] = token.access_token;
    doc["expiresAt"] = format_sso_time(token.expires_at);
    set_or_erase(doc, "clientId", token.client_id);
    set_or_erase(doc, "clientSecret", token.client_secret);
    set_or_erase(doc, "registrationExpiresAt",
                 token.registration_expires_at
                     ? std::optional<std::string>(format_sso_time(*token.registration_expires_at))
                     : std::nullopt);
    set_or_erase(doc, "refreshToken", token.refresh_token);
    return doc.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<void> write_sso_token(const std::string& path, const SsoToken& token) {
    TRY_VOID(util::make_private_parent(path));
    // What is there now, to keep what we do not own; a file we cannot trust has nothing to keep.
    auto current = util::read_trusted_file(path);
    std::string text;
    if (current && *current && current->value().size() <= k_max_sso_file_size) {
        text = std::move(current->value());
    }
    return util::write_file_atomically(path, merge_sso_token(text, token), 0600);
}

Result<util::FileLock> lock_sso_token(const std::string& path, long timeout_ms) {
    TRY_VOID(util::make_private_parent(path));
    return util::FileLock::acquire(path + ".lock", timeout_ms);
}

}  // namespace awsume_shell::cache
