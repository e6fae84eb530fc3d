#pragma once
/// The restJson protocol of the IAM Identity Center services (SSO portal, SSO-OIDC), as
/// botocore's RestJSONParser reads it: answers are JSON objects; an error's code is the
/// x-amzn-ErrorType header without what follows ':', else the body's `__type` (without the
/// namespace before '#') or `code`, else, for SSO-OIDC, its OAuth `error`
/// ("authorization_pending" -> "AuthorizationPendingException"); its message is the body's
/// `message`, `Message` or `error_description`.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "awsume_shell/aws/http_client.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::aws {

/// Errc::aws "CODE: message" with aws_code CODE (one printable line); Errc::network
/// "malformed response from HOST: HTTP N without an AWS error document" when no code is
/// found (an HTML page of a proxy), so that its status alone decides a retry.
Error parse_rest_json_error(const HttpResponse& response, const std::string& host);

/// A 2xx answer's JSON object; Errc::network naming the action and host otherwise.
Result<nlohmann::json> parse_json_answer(std::string_view body, std::string_view action, const std::string& host);

/// A member of an answer's object that must be there: a non-empty string / a whole number
/// within [min, max]. Errc::network "malformed ACTION response from HOST: FIELD ..." (the
/// value is never named: it may be a secret).
Result<std::string> required_string(const nlohmann::json& object, const char* field, std::string_view action,
                                    const std::string& host);
Result<long long> required_integer(const nlohmann::json& object, const char* field, long long min, long long max,
                                   std::string_view action, const std::string& host);

/// The same for a member that may be absent or null (nullopt then).
Result<std::optional<std::string>> optional_string(const nlohmann::json& object, const char* field,
                                                   std::string_view action, const std::string& host);
Result<std::optional<long long>> optional_integer(const nlohmann::json& object, const char* field, long long min,
                                                  long long max, std::string_view action, const std::string& host);

}  // namespace awsume_shell::aws
