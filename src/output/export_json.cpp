#include "awsume_shell/output/export_format.hpp"
#include "awsume_shell/util/time_format.hpp"
#include "export_writers.hpp"
#include "json_text.hpp"

namespace awsume_shell::output {

/// Every name, identifier or not: JSON can carry any.
Result<std::string> json_object(const EnvChanges& changes) {
    std::string out = "{";
    bool first = true;
    auto member = [&](const std::string& name, const std::string& value_text) {
        out += first ? "" : ", ";
        first = false;
        out += json_quote(name) + ": " + value_text;
    };
    for (const auto& [name, value] : changes.set) {
        member(name, json_quote(value));
    }
    for (const auto& name : changes.unset) {
        member(name, "null");
    }
    return out + "}\n";
}

/// `export --format json` is the AWS CLI's credential_process document, so that
/// `credential_process = awsume-shell export P --format json` works in ~/.aws/config.
std::string credential_process_document(const SessionInfo& info) {
    return format_credential_process_json(info.credentials);
}

std::string format_credential_process_json(const model::Credentials& creds) {
    std::string out = "{\"Version\": 1, \"AccessKeyId\": " + json_quote(creds.access_key_id) +
                      ", \"SecretAccessKey\": " + json_quote(creds.secret_access_key);
    if (!creds.session_token.empty()) {
        out += ", \"SessionToken\": " + json_quote(creds.session_token);
    }
    if (creds.expiration) {
        out += ", \"Expiration\": " + json_quote(util::format_iso8601(*creds.expiration));
    }
    return out + "}\n";
}

}  // namespace awsume_shell::output
