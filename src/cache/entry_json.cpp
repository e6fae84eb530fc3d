#include "entry_json.hpp"

#include <nlohmann/json.hpp>

#include "awsume_shell/util/time_format.hpp"

namespace awsume_shell::cache {

namespace {

using Json = nlohmann::ordered_json;

/// A required string member, or nullopt with `problem` naming it.
std::optional<std::string> string_member(const Json& doc, const char* name, bool required,
                                         std::string& problem) {
    const auto it = doc.find(name);
    if (it == doc.end() || it->is_null()) {
        if (required) {
            problem = std::string("missing \"") + name + "\"";
        }
        return std::nullopt;
    }
    if (!it->is_string()) {
        problem = std::string("\"") + name + "\" is not a string";
        return std::nullopt;
    }
    return it->get<std::string>();
}

}  // namespace

std::string entry_to_json(const std::string& kind, const Entry& entry) {
    Json doc;
    doc["version"] = k_format_version;
    doc["kind"] = kind;
    doc["description"] = entry.description;
    doc["AccessKeyId"] = entry.credentials.access_key_id;
    doc["SecretAccessKey"] = entry.credentials.secret_access_key;
    if (!entry.credentials.session_token.empty()) {
        doc["SessionToken"] = entry.credentials.session_token;
    }
    if (entry.credentials.expiration) {
        doc["Expiration"] = util::format_iso8601(*entry.credentials.expiration);
    }
    doc["created"] = util::format_iso8601(entry.created);
    if (entry.requested_duration) {
        doc["requested_duration"] = *entry.requested_duration;
    }
    try {
        // A profile name in the description may hold bytes that are not UTF-8: replace
        // them rather than throw.
        return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
    } catch (const std::exception&) {
        return {};
    }
}

std::optional<Entry> entry_from_json(std::string_view text, const std::string& kind,
                                     std::string& problem) {
    try {
        const Json doc = Json::parse(text, nullptr, /*allow_exceptions=*/false);
        if (doc.is_discarded() || !doc.is_object()) {
            problem = "not a JSON object";
            return std::nullopt;
        }
        const auto version = doc.find("version");
        if (version == doc.end() || !version->is_number_integer() ||
            version->get<long long>() != k_format_version) {
            problem = "unsupported \"version\" (expected 1)";
            return std::nullopt;
        }
        const auto file_kind = string_member(doc, "kind", true, problem);
        if (!file_kind) {
            return std::nullopt;
        }
        if (*file_kind != kind) {
            problem = "\"kind\" is \"" + *file_kind + "\", expected \"" + kind + "\"";
            return std::nullopt;
        }
        Entry entry;
        auto key_id = string_member(doc, "AccessKeyId", true, problem);
        auto secret = string_member(doc, "SecretAccessKey", true, problem);
        if (!key_id || !secret || key_id->empty() || secret->empty()) {
            if (problem.empty()) {
                problem = "empty \"AccessKeyId\" or \"SecretAccessKey\"";
            }
            return std::nullopt;
        }
        entry.credentials.access_key_id = std::move(*key_id);
        entry.credentials.secret_access_key = std::move(*secret);
        entry.credentials.session_token =
            string_member(doc, "SessionToken", false, problem).value_or("");
        entry.description = string_member(doc, "description", false, problem).value_or("");
        if (auto expiration = string_member(doc, "Expiration", false, problem)) {
            entry.credentials.expiration = util::parse_iso8601(*expiration);
            if (!entry.credentials.expiration) {
                problem = "bad \"Expiration\" time \"" + *expiration + "\"";
                return std::nullopt;
            }
        }
        const auto created = string_member(doc, "created", true, problem);
        if (!created) {
            return std::nullopt;
        }
        const auto created_time = util::parse_iso8601(*created);
        if (!created_time) {
            problem = "bad \"created\" time \"" + *created + "\"";
            return std::nullopt;
        }
        entry.created = *created_time;
        if (const auto requested = doc.find("requested_duration"); requested != doc.end()) {
            if (!requested->is_number_integer() || requested->get<long long>() <= 0 ||
                requested->get<long long>() > 1000000) {
                problem = "\"requested_duration\" is not a positive number of seconds";
                return std::nullopt;
            }
            entry.requested_duration = static_cast<long>(requested->get<long long>());
        } else if (entry.credentials.expiration) {
            // Written by an older awsume-shell: what was asked for is about what was issued
            // (created is taken just after the call, so round to the minute).
            // A lifetime outside what the writer accepts (expired before it was made, or
            // longer than any AWS grant) says nothing: left unknown, so a rewrite reads back.
            const auto rounded = (*entry.credentials.expiration - entry.created + 30) / 60 * 60;
            if (rounded > 0 && rounded <= 1000000) {
                entry.requested_duration = static_cast<long>(rounded);
            }
        }
        if (!problem.empty()) {  // an optional member of the wrong type
            return std::nullopt;
        }
        return entry;
    } catch (const std::exception& e) {
        problem = std::string("unreadable JSON: ") + e.what();
        return std::nullopt;
    }
}

}  // namespace awsume_shell::cache
