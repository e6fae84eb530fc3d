#pragma once
/// The AWS SDKs' "standard" retry mode and clock-skew correction, as pure decisions.
/// The loop that applies them is in query_caller.cpp; sleeping and randomness are
/// injected so tests run instantly and deterministically.

#include <functional>
#include <optional>
#include <string_view>

#include "awsume_shell/util/clock.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::aws {

struct RetryHooks {
    std::function<void(double seconds)> sleep;  ///< default: nanosleep
    std::function<double()> random01;           ///< default: uniform [0,1) from a seeded engine
    std::function<double()> monotonic_seconds;  ///< for the deadline; default: steady_clock
};
/// Real sleep, a random_device-seeded engine and steady_seconds().
RetryHooks default_retry_hooks();
/// std::chrono::steady_clock in seconds.
double steady_seconds();

bool is_throttling_code(std::string_view aws_code);
/// Throttling and transient AWS codes, HTTP 500/502/503/504.
bool is_retryable_response(std::string_view aws_code, long http_status);
/// An error is retryable when it is throttling/transient (judged from aws_code and the
/// status) or a transport failure (Errc::network without an HTTP answer).
/// Never AccessDenied, validation errors or MFA failures.
bool is_retryable(const Error& error, long http_status, bool got_response);

/// Full jitter: random01 * min(20 s, 0.1 s * 2^attempt), attempt counted from 1.
double backoff_seconds(int attempt, double random01);

/// AWS's answer that our clock is off: RequestTimeTooSkewed, RequestExpired,
/// InvalidSignatureException, SignatureDoesNotMatch with "Signature expired" (our clock
/// slow) or "Signature not yet current" (fast), RequestInTheFuture.
bool is_clock_skew_error(std::string_view aws_code, std::string_view message);

/// RFC 1123 HTTP date ("Sun, 30 Aug 2015 12:36:00 GMT"), the only form AWS sends.
std::optional<util::UnixTime> parse_http_date(std::string_view text);

}  // namespace awsume_shell::aws
