#include "awsume_shell/output/server_http.hpp"

#include <algorithm>
#include <cctype>

#include "json_text.hpp"

namespace awsume_shell::output {

namespace {

bool is_token_char(unsigned char c) {
    // RFC 9110 tchar
    return std::isalnum(c) != 0 || std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

std::string_view trim_ows(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

ParsedHead bad(std::string problem) {
    ParsedHead parsed;
    parsed.status = HeadStatus::bad;
    parsed.problem = std::move(problem);
    return parsed;
}

const char* reason_of(int status) {
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    default: return "Internal Server Error";
    }
}

}  // namespace

std::optional<std::string> RequestHead::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (key == name) {
            return value;
        }
    }
    return std::nullopt;
}

ParsedHead parse_request_head(std::string_view bytes) {
    const std::size_t end = bytes.find("\r\n\r\n");
    if (end == std::string_view::npos) {
        ParsedHead parsed;
        parsed.status = bytes.size() >= k_max_request_head ? HeadStatus::too_large : HeadStatus::incomplete;
        return parsed;
    }
    if (end + 4 > k_max_request_head) {
        ParsedHead parsed;
        parsed.status = HeadStatus::too_large;
        return parsed;
    }
    const std::string_view head = bytes.substr(0, end + 2);
    for (unsigned char c : head) {
        // A bare CR or LF, NUL or another control byte: request smuggling's tools.
        if ((c < 0x20 && c != '\r' && c != '\n' && c != '\t') || c == 0x7f) {
            return bad("a control character in the request head");
        }
    }
    ParsedHead parsed;
    std::size_t pos = 0;
    bool first = true;
    while (pos < head.size()) {
        const std::size_t eol = head.find("\r\n", pos);
        const std::string_view line = head.substr(pos, eol - pos);
        pos = eol + 2;
        if (line.find_first_of("\r\n") != std::string_view::npos) {
            return bad("a bare CR or LF in the request head");
        }
        if (first) {
            first = false;
            const std::size_t sp1 = line.find(' ');
            const std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
            if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos) {
                return bad("the request line is not METHOD TARGET VERSION");
            }
            const std::string_view method = line.substr(0, sp1);
            const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
            const std::string_view version = line.substr(sp2 + 1);
            if (method.empty() || !std::all_of(method.begin(), method.end(), [](char c) {
                    return is_token_char(static_cast<unsigned char>(c));
                })) {
                return bad("the method is not a token");
            }
            if (target.empty() || target.front() != '/') {
                return bad("the request target is not a path");
            }
            if (version != "HTTP/1.1" && version != "HTTP/1.0") {
                return bad("not HTTP/1.0 or HTTP/1.1");
            }
            parsed.head.method = std::string(method);
            parsed.head.target = std::string(target);
            continue;
        }
        if (line.front() == ' ' || line.front() == '\t') {
            return bad("a folded header line");
        }
        const std::size_t colon = line.find(':');
        if (colon == 0 || colon == std::string_view::npos) {
            return bad("a header line without a name");
        }
        std::string name(line.substr(0, colon));
        if (!std::all_of(name.begin(), name.end(), [](char c) { return is_token_char(static_cast<unsigned char>(c)); })) {
            return bad("a header name that is not a token");
        }
        std::transform(name.begin(), name.end(), name.begin(),
                       [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
        if (parsed.head.header(name)) {
            return bad("the header '" + name + "' twice");
        }
        parsed.head.headers.emplace_back(std::move(name), std::string(trim_ows(line.substr(colon + 1))));
    }
    parsed.status = HeadStatus::complete;
    return parsed;
}

std::string http_response(int status, std::string_view json_body, std::string_view extra_headers) {
    std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason_of(status) + "\r\n";
    out += "Content-Type: application/json\r\n";
    out += "Content-Length: " + std::to_string(json_body.size()) + "\r\n";
    out += "Cache-Control: no-store\r\n";
    out += "Connection: close\r\n";
    out += extra_headers;
    out += "\r\n";
    out += json_body;
    return out;
}

std::string error_document(std::string_view code, std::string_view message) {
    return "{\"code\": " + json_quote(code) + ", \"message\": " + json_quote(message) + "}";
}

}  // namespace awsume_shell::output
