#pragma once
/// The credentials server's side of HTTP/1.1: reading a request head (hostile bytes from any
/// local process) and writing the few answers it gives. Pure, so that it is unit-tested and
/// fuzzed apart from the sockets (fuzz/server_http_fuzz.cpp).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace awsume_shell::output {

/// A request head is at most this long; SDKs send a few hundred bytes.
inline constexpr std::size_t k_max_request_head = 8192;

struct RequestHead {
    std::string method;
    std::string target;  ///< as sent: path and query
    std::vector<std::pair<std::string, std::string>> headers;  ///< names lower-cased
    /// The value of header `name` (lower case); nullopt when absent. A header sent twice
    /// is refused by parse_request_head, so there is never a choice to make.
    std::optional<std::string> header(std::string_view name) const;
};

enum class HeadStatus {
    incomplete,  ///< no blank line yet: read more
    complete,
    bad,         ///< not HTTP/1.x, a bare LF, a control byte, a repeated header...
    too_large,   ///< no end within k_max_request_head
};

struct ParsedHead {
    HeadStatus status = HeadStatus::incomplete;
    RequestHead head;
    std::string problem;  ///< for `bad`: what was wrong, for the error document
};

/// Reads the head at the start of `bytes` (anything after the blank line is ignored: a
/// GET has no body, and every other method is refused without reading one).
ParsedHead parse_request_head(std::string_view bytes);

/// A whole answer: status line, JSON content type, length, `Connection: close` (every
/// connection serves one request), and `extra_headers` (lines ending in CRLF).
std::string http_response(int status, std::string_view json_body, std::string_view extra_headers = {});

/// AWS's JSON error document of the container endpoint: {"code": ..., "message": ...}.
std::string error_document(std::string_view code, std::string_view message);

}  // namespace awsume_shell::output
