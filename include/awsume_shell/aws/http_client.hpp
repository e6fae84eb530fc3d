#pragma once
/// HTTP as a seam: the STS/IAM clients talk to this interface; curl_http_client.cpp is the
/// only file that knows libcurl, and tests hand in fakes.

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "awsume_shell/aws/api.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::aws {

struct HttpRequest {
    std::string method = "POST";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    long timeout_ms = 0;      ///< this attempt's bound (what the deadline leaves); 0: the client's
    std::string waiting_for;  ///< "HOST (ACTION ..., attempt i/n)", for the terminal's waiting line
};

struct HttpResponse {
    long status = 0;
    std::map<std::string, std::string> headers;  ///< names lower-cased
    std::string body;
};

/// The aws_code an HttpClient sets on a transport error that retrying cannot fix
/// (certificate verification, unreadable CA bundle, bad URL). QueryCaller clears it before
/// the error leaves the AWS code, so no caller ever sees it.
inline constexpr const char* k_permanent_transport_error = "awsume-shell.permanent";

/// The aws_code an HttpClient sets when an attempt timed out after the connection was
/// accepted (the service is there, its answer never came: e.g. an IMDS hop limit of 1 seen
/// from a container). Still transient; cleared, like the one above, before it leaves.
inline constexpr const char* k_read_timeout_transport_error = "awsume-shell.read-timeout";

/// The largest answer read: STS/IAM answers are a few KiB; a bigger one is aborted while it
/// arrives, so a hostile endpoint cannot make us hold gigabytes.
inline constexpr std::size_t k_max_response_bytes = 4u << 20;

class HttpClient {
public:
    virtual ~HttpClient() = default;
    /// Errc::network for transport trouble (no answer); any HTTP status is a response.
    virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
};

/// libcurl with the options' timeouts and CA bundle (AWS_CA_BUNDLE wins over ca_bundle), the
/// proxy of proxy_for() (never libcurl's own choice), answers bounded by
/// k_max_response_bytes, and, when stderr is a terminal, a line naming what is waited for
/// once an attempt has taken a second (erased when it ends).
std::unique_ptr<HttpClient> make_curl_http_client(const ClientOptions& options);

}  // namespace awsume_shell::aws
