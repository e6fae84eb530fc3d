// The EC2 instance metadata service (IMDS) and the container credentials endpoint, as the
// AWS SDKs call them (botocore's InstanceMetadataFetcher and ContainerMetadataFetcher).
#include "awsume_shell/aws/metadata_client.hpp"

#include <nlohmann/json.hpp>

#include "awsume_shell/util/display_text.hpp"
#include "awsume_shell/util/time_format.hpp"

namespace awsume_shell::aws {
namespace {

constexpr const char* k_token_path = "/latest/api/token";
constexpr const char* k_roles_path = "/latest/meta-data/iam/security-credentials/";
constexpr const char* k_token_ttl_header = "X-aws-ec2-metadata-token-ttl-seconds";
constexpr const char* k_token_header = "X-aws-ec2-metadata-token";
/// IMDS tokens are about 60 characters; anything far longer is not one.
constexpr std::size_t k_max_token_bytes = 1024;
/// What of a server's error message is quoted (it is hostile text).
constexpr std::size_t k_max_quoted_message = 200;

/// "scheme://host[:port]" of a URL: no user info (it may hold a password), no path (a
/// container credentials path may name the task).
std::string origin_of(const std::string& url) {
    const std::size_t scheme_end = url.find("://");
    const std::size_t start = scheme_end == std::string::npos ? 0 : scheme_end + 3;
    std::size_t end = url.find_first_of("/?#", start);
    std::string authority = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (const std::size_t at = authority.rfind('@'); at != std::string::npos) {
        authority.erase(0, at + 1);
    }
    return (scheme_end == std::string::npos ? "" : url.substr(0, scheme_end + 3)) + authority;
}

Unexpected answer_error(const std::string& what, std::string message, std::string code = {}) {
    return make_error(Errc::aws, what + " " + message, std::move(code));
}

std::string quoted_text(const std::string& text) {
    return util::printable(text.substr(0, k_max_quoted_message));
}

/// An IAM role name ([\w+=,.@-]{1,64}): it goes into the URL path, so nothing else passes.
bool is_role_name(const std::string& name) {
    if (name.empty() || name.size() > 64) {
        return false;
    }
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        std::string_view("_+=,.@-").find(c) != std::string_view::npos;
        if (!ok) {
            return false;
        }
    }
    return true;
}

/// An IMDS token goes back as a header: printable ASCII only.
bool is_token_text(const std::string& value) {
    for (char c : value) {
        if (c < 0x21 || c > 0x7e) {
            return false;
        }
    }
    return true;
}

/// A header value without control characters (CR or LF would start a header of its own).
bool is_header_value(const std::string& value) {
    for (char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && byte != '\t') || byte == 0x7f) {
            return false;
        }
    }
    return true;
}

Result<std::string> string_field(const nlohmann::json& doc, const char* name, const std::string& from,
                                 bool required) {
    auto it = doc.find(name);
    if (it == doc.end() || it->is_null()) {
        if (required) {
            return make_error(Errc::network, from + " answered credentials without \"" + name + "\"");
        }
        return std::string();
    }
    if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
        return make_error(Errc::network, from + " answered a \"" + std::string(name) +
                                             "\" that is not a non-empty string");
    }
    return it->get<std::string>();
}

Result<nlohmann::json> json_object(const std::string& body, const std::string& from) {
    if (body.size() > k_max_metadata_answer_bytes) {
        return make_error(Errc::network, from + " answered more than 64 KiB");
    }
    nlohmann::json doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object()) {
        return make_error(Errc::network, from + " answered something that is not a JSON object");
    }
    return doc;
}

/// The fields both documents share (the session token is "Token" in both).
Result<model::Credentials> credentials_of(const nlohmann::json& doc, const std::string& from) {
    model::Credentials creds;
    TRY(creds.access_key_id, string_field(doc, "AccessKeyId", from, true));
    TRY(creds.secret_access_key, string_field(doc, "SecretAccessKey", from, true));
    TRY(creds.session_token, string_field(doc, "Token", from, true));
    TRY(auto expiration, string_field(doc, "Expiration", from, true));
    auto parsed = util::parse_iso8601(expiration);
    if (!parsed) {
        return make_error(Errc::network, from + " answered an \"Expiration\" that is not an ISO 8601 time");
    }
    creds.expiration = *parsed;
    return creds;
}

/// The status of an error answer, with the code and message of a {"code", "message"} body
/// (the container endpoints' error document; also our own credentials server's).
Unexpected status_error(const std::string& what, const HttpResponse& answer) {
    std::string message = "answered HTTP " + std::to_string(answer.status);
    std::string code;
    nlohmann::json doc = nlohmann::json::parse(answer.body, nullptr, false);
    if (!doc.is_discarded() && doc.is_object()) {
        for (const char* name : {"code", "Code"}) {
            if (auto it = doc.find(name); it != doc.end() && it->is_string()) {
                code = quoted_text(it->get<std::string>());
                message += " " + code;
                break;
            }
        }
        for (const char* name : {"message", "Message"}) {
            if (auto it = doc.find(name); it != doc.end() && it->is_string()) {
                message += ": " + quoted_text(it->get<std::string>());
                break;
            }
        }
    }
    return answer_error(what, message, code);
}

bool is_success(long status) { return status >= 200 && status < 300; }

/// The error of a request that got no answer. Only transport trouble (Errc::network) is
/// "did not answer"; anything else (a proxy refusal is Errc::config) keeps its code and text.
/// The hop-limit hint only where it can be the cause: the PUT's connection was accepted and
/// its answer never came (a container behind an IMDS hop limit of 1).
Unexpected no_answer(const std::string& where, const std::string& what, Error error, bool hop_limit_hint) {
    const bool read_timeout = error.aws_code == k_read_timeout_transport_error;
    if (read_timeout || error.aws_code == k_permanent_transport_error) {
        error.aws_code.clear();  // our transport markers stay inside the AWS code
    }
    if (error.code != Errc::network) {
        return unexpected(std::move(error));
    }
    std::string message = where + " did not answer" + what + " (" + error.message + ")";
    if (hop_limit_hint && read_timeout) {
        message += "; from a container, an IMDS hop limit of 1 drops its answers";
    }
    return make_error(Errc::network, std::move(message));
}

}  // namespace

Result<model::Credentials> parse_instance_credentials(const std::string& body, const std::string& from) {
    TRY(auto doc, json_object(body, from));
    auto code = doc.find("Code");
    if (code == doc.end() || !code->is_string()) {
        return make_error(Errc::network, from + " answered credentials without a \"Code\"");
    }
    if (*code != "Success") {
        const std::string name = quoted_text(code->get<std::string>());
        std::string message = "answered Code " + name;
        if (auto text = doc.find("Message"); text != doc.end() && text->is_string()) {
            message += ": " + quoted_text(text->get<std::string>());
        }
        return answer_error(from, message, name);
    }
    return credentials_of(doc, from);
}

Result<model::Credentials> parse_container_credentials(const std::string& body, const std::string& from) {
    TRY(auto doc, json_object(body, from));
    if (doc.contains("code") && !doc.contains("AccessKeyId")) {
        return status_error(from, HttpResponse{200, {}, body});
    }
    return credentials_of(doc, from);
}

Result<HttpResponse> MetadataClient::send(HttpRequest request, const std::string& what) {
    const std::string where = origin_of(request.url);
    for (int attempt = 1;; ++attempt) {
        const std::string attempt_text =
            "attempt " + std::to_string(attempt) + "/" + std::to_string(k_metadata_attempts);
        request.waiting_for = where + " (" + what + ", " + attempt_text + ")";
        if (m_debug) {
            m_debug(request.method + " " + where + " (" + what + ", " + attempt_text + ")");
        }
        auto answer = m_http.send(request);
        if (!answer) {
            // No answer at all: the service is absent (or unreachable); trying again would
            // only double the wait.
            return unexpected(answer.error());
        }
        if (m_debug) {
            m_debug("HTTP " + std::to_string(answer->status) + " from " + where + " (" + what + ")");
        }
        if ((answer->status >= 500 || answer->status == 429) && attempt < k_metadata_attempts) {
            if (m_hooks.sleep) {
                m_hooks.sleep(0.2 * attempt);
            }
            continue;
        }
        if (answer->body.size() > k_max_metadata_answer_bytes) {
            return make_error(Errc::network, where + " answered more than 64 KiB to " + what);
        }
        return answer;
    }
}

Result<model::Credentials> MetadataClient::instance_credentials(const InstanceCredentialsRequest& request) {
    const std::string base = join_url(request.endpoint, "");
    const std::string where = "instance metadata service " + origin_of(base);

    // IMDSv2: a session token first. A service that refuses the PUT as IMDSv1 services do
    // (403/404/405) is asked without one, unless v1 is disabled.
    auto fetch_token = [&]() -> Result<std::optional<std::string>> {
        HttpRequest put{"PUT", base + k_token_path, {{k_token_ttl_header, k_imds_token_ttl_seconds}}, "",
                        request.timeout_ms, ""};
        auto answer = send(std::move(put), "IMDS session token");
        if (!answer) {
            return no_answer(where, " the session token request", answer.error(), /*hop_limit_hint=*/true);
        }
        const long status = answer->status;
        if (status == 403 || status == 404 || status == 405) {
            if (request.v1_disabled) {
                return answer_error(where, "refused a session token (HTTP " + std::to_string(status) +
                                               ") and the IMDSv1 fallback is disabled "
                                               "(AWS_EC2_METADATA_V1_DISABLED / ec2_metadata_v1_disabled)");
            }
            return std::optional<std::string>();
        }
        if (!is_success(status)) {
            return answer_error(where, "answered HTTP " + std::to_string(status) + " to the session token request");
        }
        if (answer->body.empty() || answer->body.size() > k_max_token_bytes || !is_token_text(answer->body)) {
            return make_error(Errc::network, where + " answered a session token that is not one");
        }
        return std::optional<std::string>(answer->body);
    };
    TRY(std::optional<std::string> token, fetch_token());

    // A GET with the token; a 401 means the token expired meanwhile: one new token, once.
    auto get = [&](const std::string& path, const std::string& what) -> Result<HttpResponse> {
        for (int round = 0;; ++round) {
            HttpRequest call{"GET", base + path, {}, "", request.timeout_ms, ""};
            if (token) {
                call.headers.emplace_back(k_token_header, *token);
            }
            auto answer = send(std::move(call), what);
            if (!answer) {
                return no_answer(where, "", answer.error(), /*hop_limit_hint=*/false);
            }
            if (answer->status == 401 && token && round == 0) {
                TRY(token, fetch_token());
                continue;
            }
            if (answer->status == 404) {
                return answer_error(where, "has no IAM role for this instance (HTTP 404 for " + what + ")");
            }
            if (!is_success(answer->status)) {
                return answer_error(where, "answered HTTP " + std::to_string(answer->status) + " for " + what);
            }
            return answer;
        }
    };

    TRY(auto roles, get(k_roles_path, "the instance's role name"));
    std::string role = roles.body.substr(0, roles.body.find('\n'));
    if (!role.empty() && role.back() == '\r') {
        role.pop_back();
    }
    if (!is_role_name(role)) {
        return make_error(Errc::network, where + " answered a role name that is not an IAM role name");
    }
    TRY(auto document, get(k_roles_path + role, "the credentials of role " + role));
    return parse_instance_credentials(document.body, where + " (role " + role + ")");
}

Result<model::Credentials> MetadataClient::container_credentials(const ContainerCredentialsRequest& request) {
    const std::string where = "container credentials endpoint " + origin_of(request.url);
    HttpRequest call{"GET", request.url, {{"Accept", "application/json"}}, "", request.timeout_ms, ""};
    if (request.authorization) {
        if (request.authorization->empty() || !is_header_value(*request.authorization)) {
            // The caller checks it too; a header value with CR/LF would add headers of its own.
            return make_error(Errc::config, where + ": the authorization token is empty or holds "
                                                   "control characters or spaces");
        }
        call.headers.emplace_back("Authorization", *request.authorization);
    }
    auto answer = send(std::move(call), "container credentials");
    if (!answer) {
        return no_answer(where, "", answer.error(), /*hop_limit_hint=*/false);
    }
    if (!is_success(answer->status)) {
        return status_error(where, *answer);
    }
    return parse_container_credentials(answer->body, where);
}

}  // namespace awsume_shell::aws
