#pragma once
/// AWS Signature Version 4 (HMAC-SHA256), as a pure function: request in, what to add out.
/// Checked against every case of AWS's v4 test suite (tests/unit/aws/sigv4_test.cpp).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "awsume_shell/model/credentials.hpp"
#include "awsume_shell/util/clock.hpp"

namespace awsume_shell::aws {

using NameValues = std::vector<std::pair<std::string, std::string>>;

struct SigningRequest {
    std::string method;   ///< "GET", "POST"
    std::string path;     ///< raw, not yet URI-encoded; "/" for Query APIs
    NameValues query;     ///< decoded names and values
    NameValues headers;   ///< as they will be sent; must include Host
    std::string body;
};

enum class SignatureLocation { headers, query };

struct SigningParams {
    model::Credentials credentials;
    std::string region;
    std::string service;
    util::UnixTime time = 0;
    bool normalize_path = true;       ///< false only for S3-style paths
    bool sign_body = false;           ///< add and sign x-amz-content-sha256
    bool omit_session_token = false;  ///< add the token after signing (unsigned)
    SignatureLocation location = SignatureLocation::headers;
    int expires_seconds = 3600;       ///< query signing only
};

struct SigningResult {
    NameValues headers;  ///< to add to the request (header signing)
    NameValues query;    ///< to add to the query string (query signing), in send order
    std::string canonical_request;
    std::string string_to_sign;
    std::string signature;  ///< hex
};

SigningResult sign(const SigningRequest& request, const SigningParams& params);

/// RFC 3986 percent-encoding: unreserved characters stay, everything else is %XX
/// (upper-case hex); '/' stays when keep_slash.
std::string uri_encode(std::string_view text, bool keep_slash);
/// Reverses %XX escapes ('+' is left alone, as SigV4 does).
std::string uri_decode(std::string_view text);
/// "20150830T123600Z".
std::string amz_date(util::UnixTime t);

}  // namespace awsume_shell::aws
