#include "awsume_shell/output/export_format.hpp"

#include "awsume_shell/util/shell_quote.hpp"
#include "awsume_shell/util/time_format.hpp"
#include "json_text.hpp"

namespace awsume_shell::output {

namespace {

bool is_identifier(const std::string& name) {
    if (name.empty() || (name[0] >= '0' && name[0] <= '9')) {
        return false;
    }
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_';
        if (!ok) {
            return false;
        }
    }
    return true;
}

std::string json_object(const EnvChanges& changes) {
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

}  // namespace

Result<ExportFormat> parse_export_format(std::string_view text) {
    if (text == "sh" || text == "bash" || text == "zsh") {
        return ExportFormat::sh;
    }
    if (text == "fish") {
        return ExportFormat::fish;
    }
    if (text == "json") {
        return ExportFormat::json;
    }
    if (text == "dotenv" || text == "env") {
        return ExportFormat::dotenv;
    }
    return make_error(Errc::usage, "--format: unknown format '" + std::string(text) +
                                       "' (choose sh, fish, json or dotenv)");
}

Result<std::string> format_exports(const EnvChanges& changes, ExportFormat format) {
    if (format == ExportFormat::json) {
        return json_object(changes);
    }
    std::string out;
    for (const auto& [name, value] : changes.set) {
        if (!is_identifier(name)) {
            continue;
        }
        switch (format) {
        case ExportFormat::sh:
            out += "export " + name + "=" + util::sh_quote(value) + "\n";
            break;
        case ExportFormat::fish:
            out += "set -gx " + name + " " + util::fish_quote(value) + "\n";
            break;
        case ExportFormat::dotenv: {
            auto quoted = util::dotenv_quote(value);
            if (!quoted) {
                return make_error(Errc::usage, "--format dotenv: the value of " + name + " holds ${, a quote, a backslash, a line end or bytes that are not UTF-8, which dotenv readers do not read back as written; use --format sh or json");
            }
            out += name + "=" + *quoted + "\n";
            break;
        }
        case ExportFormat::json:
            break;
        }
    }
    for (const auto& name : changes.unset) {
        if (!is_identifier(name)) {
            continue;
        }
        if (format == ExportFormat::sh) {
            out += "unset " + name + "\n";
        } else if (format == ExportFormat::fish) {
            out += "set -e " + name + "\n";
        }
    }
    return out;
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
